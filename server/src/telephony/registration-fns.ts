import { type DigestAlgorithm, digestResponse, parseDigest } from './digest-fns.js';
import { parseNameAddr } from './sip-header-fns.js';
import { headerValue, type SipRequest, type SipResponse } from './sip-message.js';

/** What the provider registration sends: fixed for the gateway's lifetime, from SIP_REGISTER_*. */
export interface RegistrationIdentity {
  /** Request-URI of REGISTER: `sip:<registrar host>` (RFC 3261 §10.2: the domain, no user). */
  registrarUri: string;
  /** Address of record, `sip:<user>@<domain>`: From and To. */
  aor: string;
  /** Where the provider sends calls: `sip:<user>@<our public address>:<port>`. */
  contact: string;
  authUser: string;
  password: string;
}

export interface DigestChallenge {
  /** The request header that answers it (401 → Authorization, 407 → Proxy-Authorization). */
  header: 'Authorization' | 'Proxy-Authorization';
  realm: string;
  nonce: string;
  opaque: string | undefined;
  algorithm: DigestAlgorithm;
  /** The challenge offered qop=auth; without it the RFC 2069 form is used. */
  qopAuth: boolean;
  /** Our credentials were right, only the nonce had expired (RFC 7616 §3.3): answer again. */
  stale: boolean;
}

/**
 * The challenge of a 401/407 we can answer, strongest algorithm first (RFC 8760 §2.4); undefined if none is
 * Digest with MD5 or SHA-256 (then registering cannot succeed and the operator is told).
 */
export function chooseChallenge(response: SipResponse): DigestChallenge | undefined {
  const name = response.status === 407 ? 'proxy-authenticate' : 'www-authenticate';
  const header = response.status === 407 ? 'Proxy-Authorization' : 'Authorization';
  const offers: DigestChallenge[] = [];
  for (const value of response.headers.filter((h) => h.name.toLowerCase() === name).map((h) => h.value)) {
    const fields = parseDigest(value);
    const realm = fields?.get('realm');
    const nonce = fields?.get('nonce');
    const algorithm = (fields?.get('algorithm') ?? 'MD5').toUpperCase();
    if (!fields || realm === undefined || nonce === undefined) {
      continue;
    }
    if (algorithm !== 'MD5' && algorithm !== 'SHA-256') {
      continue;
    }
    const qop = (fields.get('qop') ?? '').split(',').map((part) => part.trim().toLowerCase());
    offers.push({
      header,
      realm,
      nonce,
      opaque: fields.get('opaque'),
      algorithm,
      qopAuth: qop.includes('auth'),
      stale: (fields.get('stale') ?? '').toLowerCase() === 'true',
    });
  }
  return offers.find((offer) => offer.algorithm === 'SHA-256') ?? offers[0];
}

const quoted = (value: string): string => `"${value.replace(/["\\]/g, '\\$&')}"`;

/** The Authorization value answering `challenge` for a request; `nc` counts uses of the same nonce. */
export function authorizationFor(
  challenge: DigestChallenge,
  identity: Pick<RegistrationIdentity, 'authUser' | 'password'>,
  request: { method: string; uri: string },
  counter: { nc: number; cnonce: string },
): string {
  const nc = counter.nc.toString(16).padStart(8, '0');
  const response = digestResponse({
    algorithm: challenge.algorithm,
    user: identity.authUser,
    realm: challenge.realm,
    password: identity.password,
    method: request.method,
    uri: request.uri,
    nonce: challenge.nonce,
    ...(challenge.qopAuth ? { nc, cnonce: counter.cnonce } : {}),
  });
  const parts = [
    `username=${quoted(identity.authUser)}`,
    `realm=${quoted(challenge.realm)}`,
    `nonce=${quoted(challenge.nonce)}`,
    `uri=${quoted(request.uri)}`,
    `response=${quoted(response)}`,
    `algorithm=${challenge.algorithm}`,
    ...(challenge.qopAuth ? [`qop=auth`, `nc=${nc}`, `cnonce=${quoted(counter.cnonce)}`] : []),
    ...(challenge.opaque !== undefined ? [`opaque=${quoted(challenge.opaque)}`] : []),
  ];
  return `Digest ${parts.join(', ')}`;
}

/** One REGISTER (RFC 3261 §10.2); `expires` 0 removes our binding. The same Call-ID for every refresh. */
export function buildRegister(options: {
  identity: RegistrationIdentity;
  via: string;
  callId: string;
  fromTag: string;
  cseq: number;
  expires: number;
  authorization?: { header: DigestChallenge['header']; value: string } | undefined;
}): SipRequest {
  const { identity } = options;
  return {
    kind: 'request',
    method: 'REGISTER',
    uri: identity.registrarUri,
    headers: [
      { name: 'Via', value: options.via },
      { name: 'Max-Forwards', value: '70' },
      { name: 'From', value: `<${identity.aor}>;tag=${options.fromTag}` },
      { name: 'To', value: `<${identity.aor}>` },
      { name: 'Call-ID', value: options.callId },
      { name: 'CSeq', value: `${options.cseq} REGISTER` },
      { name: 'Contact', value: `<${identity.contact}>` },
      { name: 'Expires', value: String(options.expires) },
      { name: 'Allow', value: 'INVITE, ACK, BYE, CANCEL, OPTIONS, INFO' },
      { name: 'User-Agent', value: 'Treffpunkt' },
      ...(options.authorization
        ? [{ name: options.authorization.header, value: options.authorization.value }]
        : []),
    ],
    body: Buffer.alloc(0),
  };
}

/**
 * How long the registrar keeps us (RFC 3261 §10.3 step 8): the `expires` of our own Contact in the 200, else
 * its Expires header, else what we asked for.
 */
export function grantedExpires(response: SipResponse, contact: string, requested: number): number {
  for (const header of response.headers.filter((h) => h.name.toLowerCase() === 'contact')) {
    for (const entry of splitContacts(header.value)) {
      const addr = parseNameAddr(entry);
      if (addr && sameUri(addr.uri, contact)) {
        const seconds = Number(addr.params.get('expires'));
        if (Number.isInteger(seconds) && seconds >= 0) {
          return seconds;
        }
      }
    }
  }
  const expires = Number(headerValue(response, 'Expires'));
  return Number.isInteger(expires) && expires >= 0 ? expires : requested;
}

/** 423 Interval Too Brief names the shortest interval the registrar takes (RFC 3261 §10.3 step 7). */
export function minExpires(response: SipResponse): number | undefined {
  const value = Number(headerValue(response, 'Min-Expires'));
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Refresh well before the binding lapses: at 90 %, but at least 30 s before, and never sooner than in 5 s. */
export const refreshAfterSeconds = (expires: number): number =>
  Math.max(5, Math.min(expires - 30, Math.floor(expires * 0.9)));

/** After a failure: 30 s, 1, 2, 5, then every 10 minutes, so a wrong password does not hammer the provider. */
export function retryAfterSeconds(failures: number): number {
  const steps = [30, 60, 120, 300, 600];
  return steps[Math.min(Math.max(failures, 1), steps.length) - 1] ?? 600;
}

/** Contact values separated by commas outside quotes and angle brackets. */
function splitContacts(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inQuotes = false;
  let start = 0;
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index];
    if (char === '"' && value[index - 1] !== '\\') {
      inQuotes = !inQuotes;
    } else if (!inQuotes && char === '<') {
      depth += 1;
    } else if (!inQuotes && char === '>') {
      depth = Math.max(0, depth - 1);
    } else if (!inQuotes && depth === 0 && char === ',') {
      parts.push(value.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(value.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** URIs compared as registrars echo them: scheme, user, host and port, case-insensitive host, no parameters. */
function sameUri(a: string, b: string): boolean {
  const bare = (uri: string) => {
    const [core = ''] = uri.split(';');
    const at = core.lastIndexOf('@');
    return at < 0 ? core.toLowerCase() : `${core.slice(0, at)}@${core.slice(at + 1).toLowerCase()}`;
  };
  return bare(a) === bare(b);
}
