import { describe, expect, it } from 'vitest';
import { backoffDelay } from './reconnect-fns';

describe('backoffDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    const full = () => 1;
    expect(
      [0, 1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, { baseMs: 500, maxMs: 10_000 }, full)),
    ).toEqual([500, 1000, 2000, 4000, 8000, 10_000]);
    expect(backoffDelay(1000, {}, full)).toBe(10_000);
  });

  it('spreads each delay over 50–100 % of its ceiling', () => {
    expect(backoffDelay(2, { baseMs: 1000 }, () => 0)).toBe(2000);
    expect(backoffDelay(2, { baseMs: 1000 }, () => 0.5)).toBe(3000);
    expect(backoffDelay(2, { baseMs: 1000 }, () => 7)).toBe(4000);
  });

  it('treats odd attempts as the first', () => {
    expect(backoffDelay(-3, { baseMs: 400 }, () => 1)).toBe(400);
    expect(backoffDelay(Number.NaN, { baseMs: 400 }, () => 1)).toBe(400);
  });
});
