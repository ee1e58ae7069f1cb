import { describe, expect, it } from 'vitest';
import { KeyedLimiter } from './keyed-limiter.js';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('KeyedLimiter', () => {
  it('limits each key on its own and says when to retry', () => {
    const time = clock();
    const limiter = new KeyedLimiter({ capacity: 3, refillPerSecond: 1 / 60, now: time.now });
    for (let i = 0; i < 3; i += 1) {
      expect(limiter.take('anna')).toEqual({ allowed: true });
    }
    expect(limiter.take('anna')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(limiter.take('bert')).toEqual({ allowed: true });
    time.advance(30_000);
    expect(limiter.take('anna')).toEqual({ allowed: false, retryAfterSeconds: 30 });
    time.advance(30_000);
    expect(limiter.take('anna')).toEqual({ allowed: true });
  });

  it('forgets a key on reset', () => {
    const limiter = new KeyedLimiter({ capacity: 1, refillPerSecond: 0.001 });
    limiter.take('anna');
    expect(limiter.take('anna').allowed).toBe(false);
    limiter.reset('anna');
    expect(limiter.take('anna').allowed).toBe(true);
  });

  it('stays within maxKeys, dropping refilled keys first, then the least recently used', () => {
    const time = clock();
    const limiter = new KeyedLimiter({ capacity: 1, refillPerSecond: 1, maxKeys: 3, now: time.now });
    limiter.take('a');
    limiter.take('b');
    time.advance(5_000);
    limiter.take('c');
    limiter.take('d');
    expect(limiter.size).toBe(2);
    limiter.take('e');
    limiter.take('f');
    expect(limiter.size).toBe(3);
    // 'c' was least recently used and got evicted, so it starts afresh; 'f' is still limited.
    expect(limiter.take('c').allowed).toBe(true);
    expect(limiter.take('f').allowed).toBe(false);
  });
});
