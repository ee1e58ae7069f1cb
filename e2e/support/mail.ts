import { readMails } from './mail-catcher.js';

/** One received message, decoded: headers (lower-case names, unfolded), subject, and its text and HTML parts. */
export interface ReceivedMail {
  headers: Record<string, string>;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Decodes quoted-printable (RFC 2045): soft line breaks (`=` at a line end, `=\r\n`) join lines, `=XX` are bytes
 * (so `=C3=A4` is "ä" in UTF-8 and `=3D` is "=").
 */
export function decodeQuotedPrintable(input: string): string {
  const joined = input.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let index = 0; index < joined.length; index += 1) {
    const character = joined[index] ?? '';
    const hex = joined.slice(index + 1, index + 3);
    if (character === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(character, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Decodes RFC 2047 encoded words in a header (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`). */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g,
      (_match, _charset: string, encoding: string, text: string) =>
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64').toString('utf8')
          : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function splitHeaders(raw: string): { headers: Record<string, string>; body: string } {
  const separator = /\r?\n\r?\n/.exec(raw);
  const head = separator ? raw.slice(0, separator.index) : raw;
  const body = separator ? raw.slice(separator.index + separator[0].length) : '';
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
  }
  return { headers, body };
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '').toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case 'base64':
      return Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

/** The leaf parts of a (possibly nested multipart) message, decoded, with their content type. */
function leafParts(raw: string): Array<{ type: string; content: string }> {
  const { headers, body } = splitHeaders(raw);
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((part) => !part.startsWith('--'))
      .flatMap((part) => leafParts(part.replace(/^\r?\n/, '')));
  }
  return [{ type: type.toLowerCase(), content: decodeBody(body, headers['content-transfer-encoding']) }];
}

export function parseMail(raw: string): ReceivedMail {
  const { headers } = splitHeaders(raw);
  const parts = leafParts(raw);
  return {
    headers,
    to: decodeHeader(headers.to ?? ''),
    subject: decodeHeader(headers.subject ?? ''),
    text: parts.find((part) => part.type.startsWith('text/plain'))?.content ?? '',
    html: parts.find((part) => part.type.startsWith('text/html'))?.content ?? '',
  };
}

/** Waits until a mail matching `predicate` has arrived at the SMTP receiver (`mailDir`), newest first. */
export async function waitForMail(
  mailDir: string,
  predicate: (mail: ReceivedMail) => boolean,
  timeoutMs = 20_000,
): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readMails(mailDir)).map(parseMail).reverse().find(predicate);
    if (found) {
      return found;
    }
    if (Date.now() > deadline) {
      throw new Error(`no matching mail in ${mailDir} after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The first link in the mail's text (else HTML) whose URL contains `fragment`, e.g. `/account/setup#token=`. */
export function findLink(mail: ReceivedMail, fragment: string): string | undefined {
  for (const content of [mail.text, mail.html]) {
    for (const match of content.matchAll(/https?:\/\/[^\s"'<>]+/g)) {
      if (match[0].includes(fragment)) {
        return match[0].replace(/&amp;/g, '&');
      }
    }
  }
  return undefined;
}
