/** A piece of a plain-text message: text, or an http(s) link. Nothing else is ever turned into markup. */
export type TextPiece = { kind: 'text'; text: string } | { kind: 'link'; href: string; text: string };

const candidate = /\bhttps?:\/\/[^\s<>"']+/giu;
/** Punctuation that ends a sentence rather than the address ("Siehe https://example.org."). */
const trailing = /[.,;:!?)\]}'"»]+$/u;
/**
 * Bidirectional controls (U+202A–U+202E, U+2066–U+2069) reorder what follows them: "Rechnung‮txt.exe" would read
 * "Rechnungexe.txt". They are shown as visible marks instead of being applied.
 */
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/gu;

export function revealBidiControls(text: string): string {
  return text.replace(bidiControls, (char) => `⟨U+${char.codePointAt(0)?.toString(16).toUpperCase() ?? ''}⟩`);
}

/** Splits a message into text and http(s) links; `javascript:`, `file:` and the like stay text. */
export function linkify(raw: string): TextPiece[] {
  const text = revealBidiControls(raw);
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(candidate)) {
    const start = match.index;
    const address = match[0].replace(trailing, '');
    let href: string | undefined;
    try {
      const url = new URL(address);
      href = url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
    } catch {
      href = undefined;
    }
    if (!href) {
      continue;
    }
    if (start > last) {
      pieces.push({ kind: 'text', text: text.slice(last, start) });
    }
    pieces.push({ kind: 'link', href, text: address });
    last = start + address.length;
  }
  if (last < text.length) {
    pieces.push({ kind: 'text', text: text.slice(last) });
  }
  return pieces;
}
