import { describe, expect, it } from 'vitest';
import {
  PASSCODE_ALPHABET,
  formatMeetingId,
  generateMeetingId,
  generatePasscode,
  generatePin,
  normalizeMeetingId,
} from './ids-fns.js';

describe('meeting IDs', () => {
  it('are ten digits with a non-zero first digit, and differ', () => {
    const ids = Array.from({ length: 1000 }, () => generateMeetingId());
    for (const id of ids) {
      expect(id).toMatch(/^[1-9]\d{9}$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(generateMeetingId(12)).toMatch(/^[1-9]\d{11}$/);
    expect(() => generateMeetingId(9)).toThrow(RangeError);
  });

  it('are shown in groups of 3-3-4 and read back from what people type', () => {
    expect(formatMeetingId('1234567890')).toBe('123 456 7890');
    expect(formatMeetingId('12345678901')).toBe('123 456 789 01');
    expect(formatMeetingId('1234567890123')).toBe('123 456 789 0123');
    expect(normalizeMeetingId(' 123 456-7890 ')).toBe('1234567890');
    expect(normalizeMeetingId(formatMeetingId('9876543210'))).toBe('9876543210');
    expect(normalizeMeetingId('0123456789')).toBeNull();
    expect(normalizeMeetingId('123 456 789')).toBeNull();
    expect(normalizeMeetingId('123a4567890')).toBeNull();
  });
});

describe('generatePin', () => {
  it('never returns a PIN that is taken', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 50; i += 1) {
      const pin = generatePin(taken, 4);
      expect(pin).toMatch(/^\d{4}$/);
      expect(taken.has(pin)).toBe(false);
      taken.add(pin);
    }
    expect(generatePin(new Set())).toMatch(/^\d{6}$/);
  });

  it('refuses when the set is too full to find a free PIN cheaply', () => {
    const half = new Set(Array.from({ length: 5000 }, (_, i) => String(i).padStart(4, '0')));
    expect(() => generatePin(half, 4)).toThrow(RangeError);
    expect(() => generatePin(new Set(), 3)).toThrow(RangeError);
  });
});

describe('generatePasscode', () => {
  it('draws eight characters from the unambiguous alphabet', () => {
    expect(PASSCODE_ALPHABET).not.toMatch(/[0O1lI]/);
    const codes = Array.from({ length: 500 }, () => generatePasscode());
    for (const code of codes) {
      expect(code).toHaveLength(8);
      expect(code).toMatch(new RegExp(`^[${PASSCODE_ALPHABET}]+$`));
    }
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(codes.join('')).size).toBeGreaterThan(PASSCODE_ALPHABET.length - 5);
  });
});
