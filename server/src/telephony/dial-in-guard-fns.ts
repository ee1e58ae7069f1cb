/**
 * Failed dial-in tries, counted per caller (hashed number) and per meeting ID across calls: growing delays,
 * then a lockout. Pure; the DialInGuard keeps the records in memory.
 */

export interface FailureRecord {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number | undefined;
}

export interface GuardPolicy {
  /** Failures that cost nothing extra (one call's three tries). */
  freeFailures: number;
  /** First delay after the free failures; doubles with each further failure, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures after which the key is locked for lockMs. */
  lockAfter: number;
  lockMs: number;
  /** A record is forgotten this long after its last failure. */
  forgetAfterMs: number;
}

export const callerPolicy: GuardPolicy = {
  freeFailures: 3,
  baseDelayMs: 5_000,
  maxDelayMs: 30_000,
  lockAfter: 10,
  lockMs: 60 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

/** A meeting is attacked from many numbers: allow more, but tell the host early. */
export const meetingPolicy: GuardPolicy = {
  freeFailures: 6,
  baseDelayMs: 2_000,
  maxDelayMs: 20_000,
  lockAfter: 30,
  lockMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

/** Meeting failures at which the hosts hear about it (and again at the lockout). */
export const NOTIFY_MEETING_AFTER = 6;

export function current(
  record: FailureRecord | undefined,
  policy: GuardPolicy,
  now: number,
): FailureRecord | undefined {
  if (!record) {
    return undefined;
  }
  const locked = record.lockedUntil !== undefined && record.lockedUntil > now;
  return !locked && now - record.lastFailureAt > policy.forgetAfterMs ? undefined : record;
}

export function delayMs(record: FailureRecord | undefined, policy: GuardPolicy): number {
  const failures = record?.failures ?? 0;
  if (failures < policy.freeFailures) {
    return 0;
  }
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - policy.freeFailures));
}

export function isLocked(record: FailureRecord | undefined, now: number): boolean {
  return record?.lockedUntil !== undefined && record.lockedUntil > now;
}

export function addFailure(
  record: FailureRecord | undefined,
  policy: GuardPolicy,
  now: number,
): FailureRecord {
  const failures = (record?.failures ?? 0) + 1;
  const lockedUntil = failures >= policy.lockAfter ? now + policy.lockMs : record?.lockedUntil;
  return { failures, lastFailureAt: now, lockedUntil };
}
