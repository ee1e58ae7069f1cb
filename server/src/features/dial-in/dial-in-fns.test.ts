import { describe, expect, it } from 'vitest';
import { numberedPhoneName } from './dial-in-fns.js';

describe('names of callers with the meeting-wide PIN', () => {
  it('counts from 1 and takes the first free number', () => {
    expect(numberedPhoneName('Telefon', [])).toBe('Telefon 1');
    expect(numberedPhoneName('Telefon', ['Hanna', 'Telefon 1'])).toBe('Telefon 2');
    // Telefon 1 hung up: the next caller gets the freed number.
    expect(numberedPhoneName('Telefon', ['Telefon 2', 'Telefon 3'])).toBe('Telefon 1');
    expect(numberedPhoneName('Telefon', ['Telefon 1', 'Telefon 3'])).toBe('Telefon 2');
  });

  it('reads only names of exactly that form', () => {
    expect(numberedPhoneName('Telefon', ['Telefon', 'Telefon 01', 'Telefonkette 1', 'Mein Telefon 1'])).toBe(
      'Telefon 1',
    );
    // Someone in the browser who calls themselves "Telefon 1" holds the number as well.
    expect(numberedPhoneName('Telefon', [' Telefon 1 '])).toBe('Telefon 2');
    expect(numberedPhoneName('Tel.', ['Tel. 1', 'Telx 2'])).toBe('Tel. 2');
  });
});
