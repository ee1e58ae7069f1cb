import { describe, expect, it } from 'vitest';
import { linkify, revealBidiControls } from './linkify-fns';

describe('linkify', () => {
  it('turns http(s) addresses into links and leaves sentence punctuation outside', () => {
    expect(linkify('Siehe https://example.org/a?b=1. Danke')).toEqual([
      { kind: 'text', text: 'Siehe ' },
      { kind: 'link', href: 'https://example.org/a?b=1', text: 'https://example.org/a?b=1' },
      { kind: 'text', text: '. Danke' },
    ]);
  });

  it('keeps everything else as text', () => {
    for (const text of [
      'javascript:alert(1)',
      '<a href="javascript:alert(1)">x</a>',
      'file:///etc/passwd',
      '\\\\server\\share',
      '<img src=x onerror=alert(1)>',
      'mailto:a@example.org',
    ]) {
      expect(linkify(text)).toEqual([{ kind: 'text', text }]);
    }
  });

  it('shows bidirectional overrides instead of applying them', () => {
    expect(revealBidiControls('Rechnung\u202Etxt.exe')).toBe('Rechnung⟨U+202E⟩txt.exe');
    expect(linkify('a\u2066b')).toEqual([{ kind: 'text', text: 'a⟨U+2066⟩b' }]);
  });
});
