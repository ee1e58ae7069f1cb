/** A SIP header as received or to be sent: canonical name (compact forms expanded), unfolded value. */
export interface SipHeader {
  name: string;
  value: string;
}

export interface SipRequest {
  kind: 'request';
  method: string;
  uri: string;
  headers: SipHeader[];
  body: Buffer;
}

export interface SipResponse {
  kind: 'response';
  status: number;
  reason: string;
  headers: SipHeader[];
  body: Buffer;
}

export type SipMessage = SipRequest | SipResponse;

/** Where a datagram came from (never logged: it is an IP address). */
export interface SipSource {
  address: string;
  port: number;
}

/** Limits against oversized or hostile input (RFC 3261 leaves them to the implementation). */
export interface SipLimits {
  /** Whole datagram; larger UDP messages are dropped unread. */
  maxMessageBytes: number;
  maxHeaders: number;
  /** One header after unfolding, name and value. */
  maxHeaderBytes: number;
  /** The request-line's URI. */
  maxUriBytes: number;
}

export const defaultSipLimits: SipLimits = {
  maxMessageBytes: 8192,
  maxHeaders: 64,
  maxHeaderBytes: 2048,
  maxUriBytes: 512,
};

/** First value of a header (names are compared case-insensitively; callers pass canonical names). */
export function headerValue(message: { headers: SipHeader[] }, name: string): string | undefined {
  const lower = name.toLowerCase();
  return message.headers.find((header) => header.name.toLowerCase() === lower)?.value;
}

/** Every value of a header, comma-separated lists split (for Via, Allow, Supported …). */
export function headerValues(message: { headers: SipHeader[] }, name: string): string[] {
  const lower = name.toLowerCase();
  return message.headers
    .filter((header) => header.name.toLowerCase() === lower)
    .flatMap((header) => splitHeaderList(header.value));
}

/** Splits a comma-separated header value, keeping commas inside quotes and <…> intact. */
export function splitHeaderList(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (let index = 0; index < value.length; index += 1) {
    const char = value.charAt(index);
    if (quoted && char === '\\' && index + 1 < value.length) {
      current += char + value.charAt(index + 1);
      index += 1;
      continue;
    }
    if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === '<') {
      angle = true;
    } else if (!quoted && char === '>') {
      angle = false;
    } else if (char === ',' && !quoted && !angle) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current.trim());
  return parts.filter((part) => part.length > 0);
}
