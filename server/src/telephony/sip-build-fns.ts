import { randomBytes } from 'node:crypto';
import { formatVia, MAGIC_COOKIE, parseNameAddr, parseVia } from './sip-header-fns.js';
import type { SipHeader, SipMessage, SipRequest, SipResponse, SipSource } from './sip-message.js';

/** Standard reason phrases for the codes the gateway sends. */
export const reasonPhrases: Record<number, string> = {
  100: 'Trying',
  180: 'Ringing',
  183: 'Session Progress',
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  415: 'Unsupported Media Type',
  416: 'Unsupported URI Scheme',
  420: 'Bad Extension',
  480: 'Temporarily Unavailable',
  481: 'Call/Transaction Does Not Exist',
  486: 'Busy Here',
  487: 'Request Terminated',
  488: 'Not Acceptable Here',
  500: 'Server Internal Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/** Serialises a message; Content-Length is always written from the body (any given one is replaced). */
export function serializeSipMessage(message: SipMessage): Buffer {
  const start =
    message.kind === 'request'
      ? `${message.method} ${message.uri} SIP/2.0`
      : `SIP/2.0 ${message.status} ${message.reason}`;
  const lines = [start];
  for (const header of message.headers) {
    if (header.name.toLowerCase() !== 'content-length') {
      // A CR or LF inside a value would let one header smuggle another in.
      lines.push(`${header.name}: ${header.value.replace(/[\r\n]+/g, ' ')}`);
    }
  }
  lines.push(`Content-Length: ${message.body.length}`, '', '');
  return Buffer.concat([Buffer.from(lines.join('\r\n'), 'utf8'), message.body]);
}

export const randomToken = (bytes = 8): string => randomBytes(bytes).toString('hex');
export const newBranch = (): string => `${MAGIC_COOKIE}${randomToken(10)}`;

/**
 * A response to `request` (RFC 3261 §8.2.6): Via (all of them), From, Call-ID, CSeq copied; To copied with
 * `toTag` added when it has none (not on 100). The top Via gets `received`/`rport` from the datagram's source.
 */
export function buildResponse(
  request: SipRequest,
  status: number,
  options: {
    toTag?: string;
    reason?: string;
    headers?: SipHeader[];
    body?: Buffer;
    source?: SipSource;
  } = {},
): SipResponse {
  const headers: SipHeader[] = [];
  let firstVia = true;
  for (const header of request.headers) {
    if (header.name === 'Via') {
      headers.push({ name: 'Via', value: firstVia ? stampVia(header.value, options.source) : header.value });
      firstVia = false;
    } else if (header.name === 'To') {
      headers.push({ name: 'To', value: withTag(header.value, status === 100 ? undefined : options.toTag) });
    } else if (['From', 'Call-ID', 'CSeq'].includes(header.name)) {
      headers.push(header);
    } else if (header.name === 'Record-Route' && status > 100 && status < 300) {
      headers.push(header);
    }
  }
  headers.push(...(options.headers ?? []));
  return {
    kind: 'response',
    status,
    reason: options.reason ?? reasonPhrases[status] ?? 'Unknown',
    headers,
    body: options.body ?? Buffer.alloc(0),
  };
}

/** Adds `received` (and fills `rport`) so that the response can go back over the same NAT binding (RFC 3581). */
function stampVia(value: string, source: SipSource | undefined): string {
  const [first, ...rest] = value.split(',');
  const via = parseVia(first ?? '');
  if (!via || !source) {
    return value;
  }
  if (via.host !== source.address) {
    via.params.set('received', source.address);
  }
  if (via.params.has('rport')) {
    via.params.set('rport', String(source.port));
  }
  return [formatVia(via), ...rest].join(',');
}

function withTag(value: string, tag: string | undefined): string {
  if (tag === undefined) {
    return value;
  }
  const addr = parseNameAddr(value);
  if (!addr || addr.params.has('tag')) {
    return value;
  }
  return `${value};tag=${tag}`;
}

/** The `tag` parameter of From/To, if any. */
export function tagOf(value: string | undefined): string | undefined {
  const tag = value === undefined ? undefined : parseNameAddr(value)?.params.get('tag');
  return tag === '' ? undefined : tag;
}
