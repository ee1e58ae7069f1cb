import { describe, expect, it } from 'vitest';
import { linkify } from './linkify-fns';

describe('linkify', () => {
  it('turns http and https addresses into links and leaves sentence punctuation outside', () => {
    expect(linkify('Infos: https://example.org/a?b=1. Und http://x.de')).toEqual([
      { kind: 'text', text: 'Infos: ' },
      { kind: 'link', text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { kind: 'text', text: '. Und ' },
      { kind: 'link', text: 'http://x.de', href: 'http://x.de/' },
    ]);
  });

  it.each([
    '<script>alert(1)</script>',
    '<a href="javascript:alert(1)">x</a>',
    '<img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'file:///etc/passwd',
    '\\\\server\\freigabe\\datei.exe',
    'data:text/html,<b>x</b>',
    'mailto:a@example.org',
    'www.example.org',
    'https://',
  ])('keeps %j as plain text', (text) => {
    expect(linkify(text)).toEqual([{ kind: 'text', text }]);
  });

  it('does not let markup around an address into the link', () => {
    const pieces = linkify('<a href="https://evil.example/x" onclick=alert(1)>');
    expect(pieces.filter((piece) => piece.kind === 'link')).toEqual([
      { kind: 'link', text: 'https://evil.example/x', href: 'https://evil.example/x' },
    ]);
    expect(pieces.map((piece) => piece.text).join('')).toBe(
      '<a href="https://evil.example/x" onclick=alert(1)>',
    );
  });

  it('shows direction overrides as their code, also inside an address, and leaves right-to-left text alone', () => {
    expect(linkify('Rechnung\u202Efdp.exe')).toEqual([{ kind: 'text', text: 'Rechnung[U+202E]fdp.exe' }]);
    expect(linkify('a\u2066b')).toEqual([{ kind: 'text', text: 'a[U+2066]b' }]);
    expect(linkify('https://example.org/\u202Egpj.exe')).toEqual([
      {
        kind: 'link',
        text: 'https://example.org/[U+202E]gpj.exe',
        href: 'https://example.org/[U+202E]gpj.exe',
      },
    ]);
    expect(linkify('שלום Anna')).toEqual([{ kind: 'text', text: 'שלום Anna' }]);
  });

  it('returns nothing for an empty text', () => {
    expect(linkify('')).toEqual([]);
  });
});
