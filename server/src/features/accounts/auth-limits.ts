import { tooManyRequests } from '../../http/errors.js';
import { KeyedLimiter } from '../../lib/keyed-limiter.js';

/**
 * In-memory throttles for everything an attacker could repeat: logins per account and per source, mails that
 * can be triggered without logging in, one-time links and second-factor codes. Keys are HMACed inside the
 * limiter, so no email or IP address is kept.
 */
export function createAuthLimits(now: () => number = Date.now) {
  return {
    /** 5 tries, then one a minute per account (known or not, so that the answer does not reveal which). */
    loginAccount: new KeyedLimiter({ capacity: 5, refillPerSecond: 1 / 60, now }),
    /** 20 tries, then one every 6 s per source (an office behind one address has several people). */
    loginSource: new KeyedLimiter({ capacity: 20, refillPerSecond: 1 / 6, now }),
    /** Reset mails: 3, then one per 10 minutes per address, so nobody's inbox can be flooded. */
    mailAccount: new KeyedLimiter({ capacity: 3, refillPerSecond: 1 / 600, now }),
    mailSource: new KeyedLimiter({ capacity: 10, refillPerSecond: 1 / 60, now }),
    /** One-time links and second-factor codes, per source or per user. */
    tokenSource: new KeyedLimiter({ capacity: 20, refillPerSecond: 1 / 6, now }),
    secondFactorUser: new KeyedLimiter({ capacity: 5, refillPerSecond: 1 / 60, now }),
  };
}

export type AuthLimits = ReturnType<typeof createAuthLimits>;

/** Spends one attempt on each limiter; if any is exhausted, a 429 with the longest wait. */
export function throttle(...checks: Array<[KeyedLimiter, string]>): void {
  let wait = 0;
  for (const [limiter, key] of checks) {
    const result = limiter.take(key);
    if (!result.allowed) {
      wait = Math.max(wait, result.retryAfterSeconds);
    }
  }
  if (wait > 0) {
    throw tooManyRequests(wait);
  }
}
