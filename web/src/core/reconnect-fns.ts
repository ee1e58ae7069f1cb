/** How a lost connection is retried: exponential backoff with jitter, capped. */
export interface BackoffOptions {
  /** First delay. Default 500 ms. */
  baseMs?: number;
  /** Longest delay. Default 10 s. */
  maxMs?: number;
}

/**
 * The delay before reconnect attempt `attempt` (0 for the first): `base · 2^attempt`, capped at `max`, then spread
 * over 50–100 % of that so that many browsers cut off by the same network blip do not all return at once.
 * `random` is `Math.random` in the browser; tests pass a fixed value.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 10_000;
  const exponent = Number.isFinite(attempt) ? Math.min(Math.max(0, Math.floor(attempt)), 20) : 0;
  const ceiling = Math.min(max, base * 2 ** exponent);
  const spread = 0.5 + 0.5 * Math.min(1, Math.max(0, random()));
  return Math.round(ceiling * spread);
}
