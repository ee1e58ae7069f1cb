import { describe, expect, it } from 'vitest';
import { linkify, mergeMessages } from './chat-fns';

describe('linkify', () => {
  it('turns http and https addresses into links and leaves the rest as text', () => {
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
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'file:///etc/passwd',
    '\\\\server\\freigabe\\datei.exe',
    'data:text/html,<b>x</b>',
    'www.example.org',
    'https://',
    'Rechnung\u202Efdp.exe',
  ])('keeps %j as plain text', (text) => {
    expect(linkify(text)).toEqual([{ kind: 'text', text }]);
  });

  it('does not let markup around an address into the link', () => {
    const segments = linkify('<a href="https://evil.example/x" onclick=alert(1)>');
    expect(segments.filter((s) => s.kind === 'link')).toEqual([
      { kind: 'link', text: 'https://evil.example/x', href: 'https://evil.example/x' },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe('<a href="https://evil.example/x" onclick=alert(1)>');
  });

  it('returns nothing for an empty text', () => {
    expect(linkify('')).toEqual([]);
  });
});

describe('mergeMessages', () => {
  it('keeps seq order and each message once', () => {
    const a = { messageId: 'a', seq: 1 };
    const b = { messageId: 'b', seq: 2 };
    const c = { messageId: 'c', seq: 3 };
    expect(mergeMessages([a, c], [b, c])).toEqual([a, b, c]);
  });
});

describe('showBidiControls', () => {
  it('shows direction overrides as codes so they cannot reorder a file name', async () => {
    const { showBidiControls } = await import('./chat-fns');
    expect(showBidiControls('Rechnung\u202Efdp.exe')).toBe('Rechnung[U+202E]fdp.exe');
    expect(showBidiControls('שלום Anna')).toBe('שלום Anna');
  });
});
