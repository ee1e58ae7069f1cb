import {
  defaultSipLimits,
  headerValue,
  type SipHeader,
  type SipLimits,
  type SipMessage,
  type SipRequest,
} from './sip-message.js';
import { parseCSeq, parseVia } from './sip-header-fns.js';

/** RFC 3261 §7.3.3 compact forms, and the few from later RFCs that phones send. */
const compactForms: Record<string, string> = {
  i: 'Call-ID',
  m: 'Contact',
  e: 'Content-Encoding',
  l: 'Content-Length',
  c: 'Content-Type',
  f: 'From',
  s: 'Subject',
  k: 'Supported',
  t: 'To',
  v: 'Via',
  o: 'Event',
  u: 'Allow-Events',
  r: 'Refer-To',
  b: 'Referred-By',
  x: 'Session-Expires',
};

const canonicalNames = new Map(
  [
    'Via',
    'From',
    'To',
    'Call-ID',
    'CSeq',
    'Contact',
    'Content-Length',
    'Content-Type',
    'Max-Forwards',
    'Allow',
    'Supported',
    'Require',
    'User-Agent',
    'Authorization',
    'WWW-Authenticate',
    'Proxy-Authorization',
    'Record-Route',
    'Route',
    'Expires',
    'P-Asserted-Identity',
  ].map((name) => [name.toLowerCase(), name]),
);

const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/;
const METHOD = /^[A-Z][A-Z0-9_-]{0,31}$/;
// Control characters other than tab have no place in a SIP head (NUL is a classic parser attack).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

export type ParseResult =
  | { ok: true; message: SipMessage }
  /**
   * `request` is set when the input was a request whose Via, From, To, Call-ID and CSeq could be read: the
   * caller answers it with 400 (`reason` as the phrase). Otherwise the datagram is dropped.
   */
  | { ok: false; reason: string; request: SipRequest | undefined };

const bad = (reason: string, request?: SipRequest): ParseResult => ({ ok: false, reason, request });

/** Parses one SIP message from a UDP datagram. Never throws. */
export function parseSipMessage(datagram: Buffer, limits: SipLimits = defaultSipLimits): ParseResult {
  try {
    return parseUnsafe(datagram, limits);
  } catch {
    return bad('Bad Request');
  }
}

function parseUnsafe(datagram: Buffer, limits: SipLimits): ParseResult {
  if (datagram.length === 0 || datagram.length > limits.maxMessageBytes) {
    return bad('Message Too Large');
  }
  const crlf = datagram.indexOf('\r\n\r\n');
  const lf = crlf === -1 ? datagram.indexOf('\n\n') : -1;
  const headEnd = crlf !== -1 ? crlf : lf;
  const complete = headEnd !== -1;
  const head = datagram.subarray(0, complete ? headEnd : datagram.length).toString('utf8');
  const bodyStart = crlf !== -1 ? crlf + 4 : lf !== -1 ? lf + 2 : datagram.length;
  if (head.includes('\uFFFD')) {
    return bad('Invalid UTF-8');
  }
  const lines = head.split(/\r?\n/);
  const startLine = lines.shift() ?? '';
  const headers = unfold(lines, limits);
  if (typeof headers === 'string') {
    return bad(headers);
  }
  const start = parseStartLine(startLine, limits);
  if (typeof start === 'string') {
    return bad(start);
  }
  const rest = datagram.subarray(bodyStart);
  if (start.kind === 'response') {
    const body = bodyOf(rest, headers, complete);
    return typeof body === 'string' ? bad(body) : { ok: true, message: { ...start, headers, body } };
  }
  const request: SipRequest = { ...start, headers, body: Buffer.alloc(0) };
  const replyable = essentialsReadable(request) ? request : undefined;
  if (CONTROL.test(head.replace(/\r?\n/g, ''))) {
    return bad('Control Characters', replyable);
  }
  const body = bodyOf(rest, headers, complete);
  if (typeof body === 'string') {
    return bad(body, replyable);
  }
  if (!replyable) {
    return bad('Missing Mandatory Header');
  }
  const cseq = parseCSeq(headerValue(request, 'CSeq') ?? '');
  if (cseq?.method !== request.method) {
    return bad('CSeq Method Mismatch', request.method === 'ACK' ? undefined : request);
  }
  return { ok: true, message: { ...request, body } };
}

function unfold(lines: string[], limits: SipLimits): SipHeader[] | string {
  const headers: SipHeader[] = [];
  for (const line of lines) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      const last = headers.at(-1);
      if (!last) {
        return 'Bad Header Folding';
      }
      last.value = `${last.value} ${line.trim()}`;
    } else {
      const colon = line.indexOf(':');
      const name = colon === -1 ? '' : line.slice(0, colon).trim();
      if (!TOKEN.test(name)) {
        return 'Bad Header';
      }
      const lower = name.toLowerCase();
      headers.push({
        name: compactForms[lower] ?? canonicalNames.get(lower) ?? name,
        value: line.slice(colon + 1).trim(),
      });
    }
    if (headers.length > limits.maxHeaders) {
      return 'Too Many Headers';
    }
    const last = headers.at(-1);
    if (last && last.name.length + last.value.length > limits.maxHeaderBytes) {
      return 'Header Too Long';
    }
  }
  return headers;
}

type StartLine =
  { kind: 'request'; method: string; uri: string } | { kind: 'response'; status: number; reason: string };

function parseStartLine(line: string, limits: SipLimits): StartLine | string {
  if (line.startsWith('SIP/')) {
    const match = /^SIP\/2\.0 ([1-6]\d\d) ?(.*)$/.exec(line);
    if (!match) {
      return 'Bad Status Line';
    }
    return { kind: 'response', status: Number(match[1]), reason: match[2] ?? '' };
  }
  const parts = line.split(' ');
  const [method, uri, version] = parts;
  if (parts.length !== 3 || method === undefined || uri === undefined || version !== 'SIP/2.0') {
    return 'Bad Request Line';
  }
  if (!METHOD.test(method)) {
    return 'Bad Method';
  }
  if (uri.length > limits.maxUriBytes || !/^(sips?|tel):[^\s]+$/i.test(uri)) {
    return 'Bad Request-URI';
  }
  return { kind: 'request', method, uri };
}

function essentialsReadable(request: SipRequest): boolean {
  const via = headerValue(request, 'Via');
  return (
    via !== undefined &&
    parseVia(via) !== null &&
    headerValue(request, 'From') !== undefined &&
    headerValue(request, 'To') !== undefined &&
    (headerValue(request, 'Call-ID') ?? '').length > 0 &&
    parseCSeq(headerValue(request, 'CSeq') ?? '') !== null
  );
}

function bodyOf(rest: Buffer, headers: SipHeader[], complete: boolean): Buffer | string {
  if (!complete) {
    return 'Truncated Message';
  }
  const lengths = headers.filter((header) => header.name === 'Content-Length');
  if (lengths.length > 1) {
    return 'Duplicate Content-Length';
  }
  const declared = lengths[0]?.value;
  if (declared === undefined) {
    // Over UDP the datagram ends the message (RFC 3261 §18.3).
    return rest;
  }
  if (!/^\d{1,5}$/.test(declared)) {
    return 'Bad Content-Length';
  }
  const length = Number(declared);
  if (length > rest.length) {
    return 'Truncated Body';
  }
  // Extra bytes after the declared length are discarded (§18.3).
  return rest.subarray(0, length);
}
