import { describe, expect, it } from 'vitest';
import { DialInGuard } from './dial-in-guard.js';

describe('DialInGuard', () => {
  it('lets three failures pass, then delays with growth, then locks the caller out', () => {
    let now = 0;
    const guard = new DialInGuard(() => now);
    for (let index = 0; index < 3; index += 1) {
      expect(guard.check('caller', '1234567890')).toEqual({ locked: false, delayMs: 0 });
      guard.fail('caller', '1234567890');
    }
    // The fourth call from this number waits before it is answered.
    expect(guard.answerDelayMs('caller')).toBe(5000);
    guard.fail('caller', '1234567890');
    expect(guard.answerDelayMs('caller')).toBe(10_000);
    for (let index = 0; index < 6; index += 1) {
      guard.fail('caller', `99999999${index}0`);
    }
    expect(guard.check('caller', '5555555555')).toEqual({ locked: true });
    expect(guard.check('other-caller', '5555555555')).toEqual({ locked: false, delayMs: 0 });
    now += 61 * 60_000;
    expect(guard.check('caller', '5555555555')).toEqual({ locked: false, delayMs: 0 });
  });

  it('tells the hosts when a meeting ID collects failures from many callers, and at lockout', () => {
    const guard = new DialInGuard(() => 0);
    const notices = Array.from({ length: 30 }, (_, index) =>
      guard.fail(`caller-${index}`, '1234567890'),
    ).filter((notice) => notice !== undefined);
    expect(notices).toEqual([
      { meetingId: '1234567890', failures: 6, lockedUntil: undefined },
      { meetingId: '1234567890', failures: 30, lockedUntil: 15 * 60_000 },
    ]);
    expect(guard.check('new-caller', '1234567890')).toEqual({ locked: true });
  });

  it('forgets a caller after a successful entry', () => {
    const guard = new DialInGuard(() => 0);
    for (let index = 0; index < 4; index += 1) {
      guard.fail('caller', '1234567890');
    }
    guard.succeed('caller');
    expect(guard.answerDelayMs('caller')).toBe(0);
  });
});
