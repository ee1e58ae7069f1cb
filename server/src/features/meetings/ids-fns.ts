import { randomInt } from 'node:crypto';

/**
 * Meeting IDs are typed by people (web form, phone keypad), so they are digits only. Ten digits, first one
 * non-zero, give 9·10⁹ IDs: guessing one is hopeless at our rate limits, and a passcode guards each meeting too.
 */
export const MEETING_ID_DIGITS = 10;

/** No 0/O, 1/l/I: a passcode read aloud or copied from paper must not be ambiguous. */
export const PASSCODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
export const PASSCODE_LENGTH = 8;

const randomDigits = (count: number): string =>
  Array.from({ length: count }, () => String(randomInt(10))).join('');

/** A random meeting ID of `digits` (≥ 10) digits, never starting with 0. Uniqueness is the database's job. */
export function generateMeetingId(digits = MEETING_ID_DIGITS): string {
  if (!Number.isInteger(digits) || digits < MEETING_ID_DIGITS || digits > 20) {
    throw new RangeError(`meeting IDs have ${MEETING_ID_DIGITS} to 20 digits`);
  }
  return String(randomInt(1, 10)) + randomDigits(digits - 1);
}

/**
 * Groups digits for display: `123 456 7890`. Groups of three from the left, the last group taking four when a
 * single digit would be left over.
 */
export function formatMeetingId(id: string): string {
  const groups: string[] = [];
  let rest = id;
  while (rest.length > 4) {
    groups.push(rest.slice(0, 3));
    rest = rest.slice(3);
  }
  if (rest.length === 1 && groups.length > 0) {
    rest = `${groups.pop() ?? ''}${rest}`;
  }
  return [...groups, rest].join(' ');
}

/** Undoes formatMeetingId and what people type around digits (spaces, dashes, dots); null if not an ID. */
export function normalizeMeetingId(input: string): string | null {
  const digits = input.replace(/[\s.-]/g, '');
  return /^[1-9]\d{9,19}$/.test(digits) ? digits : null;
}

/**
 * A numeric PIN not in `existing` (for example the dial-in PINs of one meeting). Leading zeros are allowed:
 * a PIN is typed, never stored as a number. Throws when the set is so full that a free PIN is hard to find.
 */
export function generatePin(existing: ReadonlySet<string>, digits = 6): string {
  if (!Number.isInteger(digits) || digits < 4 || digits > 12) {
    throw new RangeError('PINs have 4 to 12 digits');
  }
  // Half full is far beyond any real use; past that random probing slows down, so refuse instead.
  if (existing.size >= 10 ** digits / 2) {
    throw new RangeError('too many PINs for this length');
  }
  for (;;) {
    const pin = randomDigits(digits);
    if (!existing.has(pin)) {
      return pin;
    }
  }
}

/** A random passcode from PASSCODE_ALPHABET (≈ 46 bits for 8 characters). */
export function generatePasscode(length = PASSCODE_LENGTH): string {
  if (!Number.isInteger(length) || length < PASSCODE_LENGTH || length > 64) {
    throw new RangeError(`passcodes have ${PASSCODE_LENGTH} to 64 characters`);
  }
  return Array.from({ length }, () => PASSCODE_ALPHABET.charAt(randomInt(PASSCODE_ALPHABET.length))).join('');
}
