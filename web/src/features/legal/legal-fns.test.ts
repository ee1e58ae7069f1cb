import { describe, expect, it } from 'vitest';
import { paragraphs } from './legal-fns';

describe('paragraphs', () => {
  it('splits at empty lines and keeps single line breaks', () => {
    expect(paragraphs('Verein e. V.\nMusterstraße 1\n\nVertreten durch: A. B.')).toEqual([
      'Verein e. V.\nMusterstraße 1',
      'Vertreten durch: A. B.',
    ]);
  });
  it('handles Windows line ends, blank lines with spaces and surrounding space', () => {
    expect(paragraphs('  Eins\r\n \r\n\r\nZwei  \r\n')).toEqual(['Eins', 'Zwei']);
  });
  it('gives nothing for an empty text, and leaves markup as text', () => {
    expect(paragraphs('')).toEqual([]);
    expect(paragraphs('\n\n  \n')).toEqual([]);
    expect(paragraphs('<b>fett</b>')).toEqual(['<b>fett</b>']);
  });
});
