import { describe, expect, it } from 'vitest';
import { meetingRoute, nameProblem } from './meeting-route-fns';

describe('meetingRoute', () => {
  it('reads invitation links, meeting IDs and host rooms', () => {
    expect(meetingRoute('/j/abcdefghij_KLMNOP-123')).toEqual({
      ok: true,
      credential: { kind: 'invitation', token: 'abcdefghij_KLMNOP-123' },
    });
    expect(meetingRoute('/m/1234567890')).toEqual({
      ok: true,
      credential: { kind: 'meeting', meetingId: '1234567890' },
    });
    expect(meetingRoute('/raum/1234567890123456')).toEqual({
      ok: true,
      credential: { kind: 'host', meetingId: '1234567890123456' },
    });
  });

  it('explains malformed tokens and IDs instead of asking the server', () => {
    expect(meetingRoute('/j/short')).toEqual({ ok: false, problem: 'invitation_invalid' });
    expect(meetingRoute('/j/%E2')).toEqual({ ok: false, problem: 'invitation_invalid' });
    expect(meetingRoute('/m/12345')).toEqual({ ok: false, problem: 'not_found' });
    expect(meetingRoute('/raum/abc')).toEqual({ ok: false, problem: 'not_found' });
  });

  it('ignores other paths', () => {
    expect(meetingRoute('/hilfe')).toBeUndefined();
    expect(meetingRoute('/m')).toBeUndefined();
    expect(meetingRoute('/m/1234567890/x')).toBeUndefined();
  });
});

describe('nameProblem', () => {
  it('accepts a plain name and refuses empty, long or control characters', () => {
    expect(nameProblem('  Anna ')).toBeUndefined();
    expect(nameProblem('   ')).toBe('empty');
    expect(nameProblem('a'.repeat(81))).toBe('tooLong');
    expect(nameProblem('An\u0007na')).toBe('invalid');
  });
});
