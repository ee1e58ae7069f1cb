import type { ChatMessageView } from '@treffpunkt/protocol';

/** A piece of a chat message as it is shown: plain text, or an http(s) link. Nothing else is ever markup. */
export type ChatSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Candidates start with http:// or https://; anything else (javascript:, file:, \\server) stays text. */
const urlCandidate = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than the address. */
const trailing = /[.,;:!?)\]}'"»›]+$/;

/** Splits a message into text and links; a link's `href` is the parsed, normalised http(s) address. */
export function linkify(text: string): ChatSegment[] {
  const segments: ChatSegment[] = [];
  let rest = 0;
  const pushText = (value: string) => {
    if (value === '') {
      return;
    }
    const last = segments.at(-1);
    if (last?.kind === 'text') {
      segments[segments.length - 1] = { kind: 'text', text: last.text + value };
    } else {
      segments.push({ kind: 'text', text: value });
    }
  };
  for (const match of text.matchAll(urlCandidate)) {
    const raw = match[0].replace(trailing, '');
    const href = safeHttpUrl(raw);
    if (href === undefined) {
      continue;
    }
    pushText(text.slice(rest, match.index));
    segments.push({ kind: 'link', text: raw, href });
    rest = match.index + raw.length;
  }
  pushText(text.slice(rest));
  return segments;
}

function safeHttpUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
      return undefined;
    }
    return url.href;
  } catch {
    return undefined;
  }
}

/** Adds or replaces a message, keeping the list in `seq` order (history and live messages may overlap). */
export function mergeMessages<T extends Pick<ChatMessageView, 'messageId' | 'seq'>>(
  list: readonly T[],
  incoming: readonly T[],
): T[] {
  const byId = new Map(list.map((message) => [message.messageId, message]));
  for (const message of incoming) {
    byId.set(message.messageId, message);
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** The highest `seq` seen: a reconnect asks for what came after it. */
export const lastSeq = (list: readonly Pick<ChatMessageView, 'seq'>[]): number => list.at(-1)?.seq ?? 0;

/** A client id for a new message: kept for every resend of it. */
export function newClientId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Direction overrides and isolates (U+202A–U+202E, U+2066–U+2069) would reorder what follows them on screen
 * ("Rechnung‮fdp.exe" shows as "Rechnungexe.pdf"); they are shown as their code instead.
 */
export function showBidiControls(text: string): string {
  return text.replace(
    /[\u202A-\u202E\u2066-\u2069]/g,
    (char) => `[U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}]`,
  );
}
