/** Parsers for the structured headers the gateway reads (RFC 3261 §20, §25). All return null on bad input. */

export interface Via {
  transport: string;
  host: string;
  port: number | undefined;
  params: Map<string, string>;
}

export interface NameAddr {
  display: string | undefined;
  uri: string;
  params: Map<string, string>;
}

export interface CSeq {
  seq: number;
  method: string;
}

/** The RFC 3261 branch prefix: transactions are matched by branch only when it is present. */
export const MAGIC_COOKIE = 'z9hG4bK';

const HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)$/;

/** `;a=b;c` → Map; null if a name is empty or not a token. */
export function parseParams(text: string): Map<string, string> | null {
  const params = new Map<string, string>();
  for (const part of text.split(';')) {
    const trimmed = part.trim();
    if (trimmed === '') {
      continue;
    }
    const eq = trimmed.indexOf('=');
    const name = (eq === -1 ? trimmed : trimmed.slice(0, eq)).trim().toLowerCase();
    if (!/^[a-z0-9.!%*_+`'~-]+$/.test(name)) {
      return null;
    }
    params.set(name, eq === -1 ? '' : trimmed.slice(eq + 1).trim());
  }
  return params;
}

/** One Via value: `SIP/2.0/UDP host[:port];params`. */
export function parseVia(value: string): Via | null {
  const match = /^SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z]+)\s+([^;]+?)\s*(;.*)?$/.exec(value.trim());
  if (!match?.[1] || !match[2]) {
    return null;
  }
  const sentBy = parseHostPort(match[2]);
  const params = parseParams(match[3] ?? '');
  if (!sentBy || !params) {
    return null;
  }
  return { transport: match[1].toUpperCase(), host: sentBy.host, port: sentBy.port, params };
}

export function formatVia(via: Via): string {
  const port = via.port === undefined ? '' : `:${via.port}`;
  return `SIP/2.0/${via.transport} ${via.host}${port}${formatParams(via.params)}`;
}

export function formatParams(params: Map<string, string>): string {
  return [...params].map(([name, value]) => (value === '' ? `;${name}` : `;${name}=${value}`)).join('');
}

function parseHostPort(text: string): { host: string; port: number | undefined } | null {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(text.trim());
  if (!match?.[1] || !HOST.test(match[1])) {
    return null;
  }
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && (port < 1 || port > 65535)) {
    return null;
  }
  return { host: match[1], port };
}

/** `CSeq: 42 INVITE`. */
export function parseCSeq(value: string): CSeq | null {
  const match = /^(\d{1,10})\s+([A-Z][A-Z0-9_-]{0,31})$/.exec(value.trim());
  if (!match?.[1] || !match[2]) {
    return null;
  }
  const seq = Number(match[1]);
  return seq < 2 ** 31 ? { seq, method: match[2] } : null;
}

/** From/To/Contact: `"Name" <sip:u@h>;tag=x`, `<sip:u@h>;p`, or a bare `sip:u@h;tag=x`. */
export function parseNameAddr(value: string): NameAddr | null {
  const text = value.trim();
  const open = text.indexOf('<');
  if (open !== -1) {
    const close = text.indexOf('>', open);
    if (close === -1) {
      return null;
    }
    const displayRaw = text.slice(0, open).trim();
    const display = displayRaw.startsWith('"') ? unquote(displayRaw) : displayRaw;
    const params = parseParams(text.slice(close + 1));
    const uri = text.slice(open + 1, close).trim();
    if (params === null || display === null || !isUri(uri)) {
      return null;
    }
    return { display: display === '' ? undefined : display, uri, params };
  }
  // addr-spec without brackets: the URI cannot have parameters, so every ';' starts a header parameter.
  const semi = text.indexOf(';');
  const uri = semi === -1 ? text : text.slice(0, semi);
  const params = parseParams(semi === -1 ? '' : text.slice(semi));
  return params && isUri(uri) ? { display: undefined, uri, params } : null;
}

export function formatNameAddr(addr: NameAddr): string {
  const display = addr.display === undefined ? '' : `"${addr.display.replace(/["\\]/g, '')}" `;
  return `${display}<${addr.uri}>${formatParams(addr.params)}`;
}

const isUri = (uri: string): boolean => /^(sips?|tel):[^\s<>]+$/i.test(uri);

function unquote(text: string): string | null {
  if (!text.endsWith('"') || text.length < 2) {
    return null;
  }
  return text.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** The user part of a sip:/tel: URI (the caller's number, usually); undefined if none. */
export function uriUser(uri: string): string | undefined {
  const match = /^(?:sips?:([^@;?]+)@|tel:([^;?]+))/i.exec(uri);
  const user = match?.[1] ?? match?.[2];
  return user === undefined ? undefined : decodeURIComponentSafe(user);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
