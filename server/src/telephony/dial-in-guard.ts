import { createHmac, randomBytes } from 'node:crypto';
import {
  addFailure,
  callerPolicy,
  current,
  delayMs,
  type FailureRecord,
  isLocked,
  meetingPolicy,
  NOTIFY_MEETING_AFTER,
} from './dial-in-guard-fns.js';
import type { DialInFailureNotice } from './dial-in-port.js';

const MAX_KEYS = 10_000;

/**
 * In-memory failure counters for dial-in (see dial-in-guard-fns.ts). Meeting IDs are kept only as an HMAC
 * with a per-process secret; caller keys are already HMACs. Nothing is written to disk or logs; a restart
 * forgets everything (documented in docs/privacy/retention.md).
 */
export class DialInGuard {
  private readonly secret = randomBytes(32);
  private readonly callers = new Map<string, FailureRecord>();
  private readonly meetings = new Map<string, FailureRecord>();

  constructor(private readonly now: () => number = Date.now) {}

  /** How long to make the caller wait before checking the entry, or `locked`. */
  check(callerKey: string, meetingId: string): { locked: true } | { locked: false; delayMs: number } {
    const now = this.now();
    const caller = current(this.callers.get(callerKey), callerPolicy, now);
    const meeting = current(this.meetings.get(this.meetingKey(meetingId)), meetingPolicy, now);
    if (isLocked(caller, now) || isLocked(meeting, now)) {
      return { locked: true };
    }
    return {
      locked: false,
      delayMs: Math.max(delayMs(caller, callerPolicy), delayMs(meeting, meetingPolicy)),
    };
  }

  /** The delay before a call from this caller is answered at all (the fourth call after three failures waits). */
  answerDelayMs(callerKey: string): number {
    return delayMs(current(this.callers.get(callerKey), callerPolicy, this.now()), callerPolicy);
  }

  /** Records a wrong entry; returns a notice for the meeting's hosts when one is due. */
  fail(callerKey: string, meetingId: string): DialInFailureNotice | undefined {
    const now = this.now();
    const key = this.meetingKey(meetingId);
    const caller = addFailure(current(this.callers.get(callerKey), callerPolicy, now), callerPolicy, now);
    const before = current(this.meetings.get(key), meetingPolicy, now);
    const meeting = addFailure(before, meetingPolicy, now);
    this.store(this.callers, callerKey, caller);
    this.store(this.meetings, key, meeting);
    const lockedNow = meeting.lockedUntil !== undefined && before?.lockedUntil === undefined;
    if (meeting.failures === NOTIFY_MEETING_AFTER || lockedNow) {
      return { meetingId, failures: meeting.failures, lockedUntil: meeting.lockedUntil };
    }
    return undefined;
  }

  /** A caller got in: their own count starts again (the meeting's stays, it may be under attack). */
  succeed(callerKey: string): void {
    this.callers.delete(callerKey);
  }

  private store(map: Map<string, FailureRecord>, key: string, record: FailureRecord): void {
    map.delete(key);
    if (map.size >= MAX_KEYS) {
      const oldest = map.keys().next();
      if (!oldest.done) {
        map.delete(oldest.value);
      }
    }
    map.set(key, record);
  }

  private meetingKey(meetingId: string): string {
    return createHmac('sha256', this.secret).update(meetingId).digest('base64url').slice(0, 22);
  }
}
