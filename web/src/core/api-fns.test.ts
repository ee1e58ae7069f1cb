import { describe, expect, it } from 'vitest';
import { buildQuery, invalidFields, isWireError, parseRetryAfter } from './api-fns';

describe('parseRetryAfter', () => {
  it('reads delta seconds', () => {
    expect(parseRetryAfter('42')).toBe(42);
    expect(parseRetryAfter(' 7 ')).toBe(7);
  });
  it('reads an HTTP date relative to now, never negative', () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    expect(parseRetryAfter('Sun, 01 Mar 2026 10:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Sun, 01 Mar 2026 09:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('buildQuery', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(
      buildQuery({ search: 'Anna & Ben', limit: 25, offset: 0, status: undefined, x: '', y: null }),
    ).toBe('?search=Anna+%26+Ben&limit=25&offset=0');
    expect(buildQuery({})).toBe('');
    expect(buildQuery({ flag: false })).toBe('?flag=false');
  });
});

describe('isWireError / invalidFields', () => {
  it('recognises the server error shape', () => {
    expect(isWireError({ error: 'rate_limited', message: 'x', requestId: 'r' })).toBe(true);
    expect(isWireError({ message: 'x' })).toBe(false);
    expect(isWireError('error')).toBe(false);
    expect(isWireError(null)).toBe(false);
  });
  it('lists the invalid fields of validation_failed', () => {
    expect(
      invalidFields({ fields: [{ path: 'name', message: 'm' }, { path: 'dialInNumbers.0.number' }, 3] }),
    ).toEqual(['name', 'dialInNumbers.0.number']);
    expect(invalidFields(undefined)).toEqual([]);
    expect(invalidFields({ fields: 'x' })).toEqual([]);
  });
});
