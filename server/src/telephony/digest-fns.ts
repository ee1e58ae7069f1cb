import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { splitHeaderList } from './sip-message.js';

/** RFC 7616/8760 digest for SIP. MD5 stays for interoperability (most trunks and phones know nothing else). */
export type DigestAlgorithm = 'MD5' | 'SHA-256';

const hashName: Record<DigestAlgorithm, string> = { MD5: 'md5', 'SHA-256': 'sha256' };
const hash = (algorithm: DigestAlgorithm, text: string): string =>
  createHash(hashName[algorithm]).update(text, 'utf8').digest('hex');

/** How long a nonce is accepted; after that the peer is told `stale=true` and retries without asking a user. */
export const NONCE_LIFETIME_MS = 5 * 60_000;

/** A stateless nonce: issue time + HMAC over it, so nothing is kept per challenge. */
export function makeNonce(secret: Buffer, now: number): string {
  const time = now.toString(16);
  const mac = createHmac('sha256', secret).update(time).digest('base64url').slice(0, 22);
  return `${time}.${mac}`;
}

export function nonceState(secret: Buffer, nonce: string, now: number): 'valid' | 'stale' | 'invalid' {
  const [time, mac] = nonce.split('.');
  if (time === undefined || mac === undefined || !/^[0-9a-f]{1,13}$/.test(time)) {
    return 'invalid';
  }
  const expected = createHmac('sha256', secret).update(time).digest('base64url').slice(0, 22);
  if (!safeEqual(mac, expected)) {
    return 'invalid';
  }
  const age = now - parseInt(time, 16);
  return age >= 0 && age <= NONCE_LIFETIME_MS ? 'valid' : 'stale';
}

/** WWW-Authenticate values, strongest first (RFC 8760 §2.4: the client picks the first it supports). */
export function challenges(realm: string, nonce: string, stale: boolean): string[] {
  return (['SHA-256', 'MD5'] as const).map(
    (algorithm) =>
      `Digest realm="${realm}", nonce="${nonce}", algorithm=${algorithm}, qop="auth"${stale ? ', stale=true' : ''}`,
  );
}

/** Parses `Digest k=v, k="v"…` into a map (lower-case keys); null if it is not a Digest credential. */
export function parseDigest(value: string): Map<string, string> | null {
  const match = /^Digest\s+(.*)$/is.exec(value.trim());
  if (!match?.[1]) {
    return null;
  }
  const params = new Map<string, string>();
  for (const part of splitHeaderList(match[1])) {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      return null;
    }
    const key = part.slice(0, eq).trim().toLowerCase();
    let val = part.slice(eq + 1).trim();
    if (val.startsWith('"') && val.endsWith('"') && val.length >= 2) {
      val = val.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    params.set(key, val);
  }
  return params;
}

export type DigestVerdict = 'ok' | 'stale' | 'wrong';

/** Checks an Authorization header against the configured user and password (RFC 2617 §3.2.2, qop=auth or none). */
export function verifyDigest(params: {
  header: string;
  method: string;
  realm: string;
  user: string;
  password: string;
  secret: Buffer;
  now: number;
}): DigestVerdict {
  const fields = parseDigest(params.header);
  if (!fields) {
    return 'wrong';
  }
  const algorithmField = (fields.get('algorithm') ?? 'MD5').toUpperCase();
  const algorithm: DigestAlgorithm | undefined =
    algorithmField === 'MD5' ? 'MD5' : algorithmField === 'SHA-256' ? 'SHA-256' : undefined;
  const nonce = fields.get('nonce');
  const uri = fields.get('uri');
  const response = fields.get('response');
  if (
    !algorithm ||
    nonce === undefined ||
    uri === undefined ||
    response === undefined ||
    fields.get('username') !== params.user ||
    fields.get('realm') !== params.realm
  ) {
    return 'wrong';
  }
  const state = nonceState(params.secret, nonce, params.now);
  if (state === 'invalid') {
    return 'wrong';
  }
  const ha1 = hash(algorithm, `${params.user}:${params.realm}:${params.password}`);
  const ha2 = hash(algorithm, `${params.method}:${uri}`);
  const qop = fields.get('qop');
  let expected: string;
  if (qop === undefined) {
    expected = hash(algorithm, `${ha1}:${nonce}:${ha2}`);
  } else if (qop === 'auth') {
    const nc = fields.get('nc') ?? '';
    const cnonce = fields.get('cnonce') ?? '';
    expected = hash(algorithm, `${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
  } else {
    return 'wrong';
  }
  if (!safeEqual(response.toLowerCase(), expected)) {
    return 'wrong';
  }
  return state === 'stale' ? 'stale' : 'ok';
}

/**
 * A client's digest response (RFC 7616 §3.4.1): with `qop=auth` (nc, cnonce) when the challenge offered it,
 * else the RFC 2069 form some registrars still send. Used by the provider registration and by tests.
 */
export function digestResponse(params: {
  algorithm: DigestAlgorithm;
  user: string;
  realm: string;
  password: string;
  method: string;
  uri: string;
  nonce: string;
  /** Omit both for a challenge without qop. */
  nc?: string;
  cnonce?: string;
}): string {
  const ha1 = hash(params.algorithm, `${params.user}:${params.realm}:${params.password}`);
  const ha2 = hash(params.algorithm, `${params.method}:${params.uri}`);
  if (params.nc === undefined || params.cnonce === undefined) {
    return hash(params.algorithm, `${ha1}:${params.nonce}:${ha2}`);
  }
  return hash(params.algorithm, `${ha1}:${params.nonce}:${params.nc}:${params.cnonce}:auth:${ha2}`);
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
