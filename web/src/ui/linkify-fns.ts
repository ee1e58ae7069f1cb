import { revealBidiControls } from '@treffpunkt/protocol';

/** A piece of a plain-text message as it is shown: text, or an http(s) link. Nothing else is ever markup. */
export type TextPiece = { kind: 'text'; text: string } | { kind: 'link'; href: string; text: string };

/** Candidates start with http:// or https://; anything else (javascript:, file:, \\server) stays text. */
const urlCandidate = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than the address ("Siehe https://example.org."). */
const trailing = /[.,;:!?)\]}'"»›]+$/;

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

/**
 * Splits a message into text and links; a link's `href` is the parsed, normalised http(s) address. Direction
 * overrides are shown as their code first (`revealBidiControls`), so they cannot reorder the text or a link.
 */
export function linkify(raw: string): TextPiece[] {
  const text = revealBidiControls(raw);
  const pieces: TextPiece[] = [];
  let rest = 0;
  const pushText = (value: string) => {
    if (value === '') {
      return;
    }
    const last = pieces.at(-1);
    if (last?.kind === 'text') {
      pieces[pieces.length - 1] = { kind: 'text', text: last.text + value };
    } else {
      pieces.push({ kind: 'text', text: value });
    }
  };
  for (const match of text.matchAll(urlCandidate)) {
    const address = match[0].replace(trailing, '');
    const href = safeHttpUrl(address);
    if (href === undefined) {
      continue;
    }
    pushText(text.slice(rest, match.index));
    pieces.push({ kind: 'link', text: address, href });
    rest = match.index + address.length;
  }
  pushText(text.slice(rest));
  return pieces;
}
