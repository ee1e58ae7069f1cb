import { DateTime } from 'luxon';
import type { OccurrenceStatus } from '../../db/schema.js';
import { expandSeries, wallTimeToInstant, type LocalDateTime, type Series } from './recurrence-fns.js';
import {
  parseRRule,
  WEEKDAYS,
  type Recurrence,
  type SeriesException,
  type Weekday,
} from './recurrence-schemas.js';

/** One calendar entry of a meeting: a single date (no rule) or one rule of a series. */
export interface ScheduleSpec {
  rrule: string | null;
  firstStart: LocalDateTime;
  durationMinutes: number;
}

/** An occurrence as stored: `occurrenceKey` is the original wall-clock start in the meeting's zone. */
export interface OccurrenceSpec {
  occurrenceKey: LocalDateTime;
  start: Date;
  end: Date;
  status: OccurrenceStatus;
}

const minute = 60_000;
/** Far enough to hold every occurrence: expansion is capped by count and years anyway. */
const beginningOfTime = new Date(0);
const endOfTime = new Date('9999-12-31T00:00:00Z');

/** The exceptions of one rule, read back from its stored occurrences (every one that is not 'scheduled'). */
export function exceptionsOf(occurrences: OccurrenceSpec[]): SeriesException[] {
  return occurrences.flatMap((occurrence): SeriesException[] => {
    if (occurrence.status === 'cancelled') {
      return [{ occurrenceKey: occurrence.occurrenceKey, kind: 'cancelled' }];
    }
    if (occurrence.status === 'moved') {
      return [
        {
          occurrenceKey: occurrence.occurrenceKey,
          kind: 'moved',
          start: occurrence.start.toISOString(),
          durationMinutes: Math.round((occurrence.end.getTime() - occurrence.start.getTime()) / minute),
        },
      ];
    }
    return [];
  });
}

/** The rule of a schedule as the pure core takes it; throws for a schedule without rule. */
export function seriesOf(schedule: ScheduleSpec, timeZone: string, exceptions: SeriesException[]): Series {
  if (schedule.rrule === null) {
    throw new Error('a single date has no rule');
  }
  return {
    rrule: schedule.rrule,
    firstStart: schedule.firstStart,
    timeZone,
    durationMinutes: schedule.durationMinutes,
    exceptions,
  };
}

/** Every occurrence of a schedule with its exceptions applied, in order of the original start. */
export function expandSchedule(
  schedule: ScheduleSpec,
  timeZone: string,
  exceptions: SeriesException[] = [],
): OccurrenceSpec[] {
  if (schedule.rrule === null) {
    const start = wallTimeToInstant(schedule.firstStart, timeZone);
    const end = new Date(start.getTime() + schedule.durationMinutes * minute);
    return [{ occurrenceKey: schedule.firstStart, start, end, status: 'scheduled' }];
  }
  return expandSeries({
    ...seriesOf(schedule, timeZone, exceptions),
    from: beginningOfTime,
    to: endOfTime,
  })
    .map((occurrence) => ({ ...occurrence }))
    .sort((a, b) => a.occurrenceKey.localeCompare(b.occurrenceKey));
}

/** Moves a wall time by a wall-clock distance (no DST involved), as splitSeries re-keys exceptions. */
export function shiftKey(key: LocalDateTime, shiftMs: number): LocalDateTime {
  return DateTime.fromISO(key, { zone: 'utc' })
    .plus({ milliseconds: shiftMs })
    .toFormat("yyyy-LL-dd'T'HH:mm");
}

/** Wall-clock distance from `from` to `to`. */
export function wallShiftMs(from: LocalDateTime, to: LocalDateTime): number {
  return (
    DateTime.fromISO(to, { zone: 'utc' }).toMillis() - DateTime.fromISO(from, { zone: 'utc' }).toMillis()
  );
}

export interface StoredOccurrence extends OccurrenceSpec {
  id: string;
}

export interface RekeyPlan {
  /** Existing rows that continue as an occurrence of the new rule: their id stays. */
  update: Array<{ id: string } & OccurrenceSpec>;
  insert: OccurrenceSpec[];
  delete: string[];
}

/**
 * Matches the stored occurrences being replaced (those of "this and following") with the new rule's ones: a row
 * whose key, moved by the same wall-clock shift as the first start, is an occurrence of the new rule keeps its id
 * (and so its chat, attendance and polls); the others are deleted, and new occurrences inserted.
 */
export function planRekey(old: StoredOccurrence[], next: OccurrenceSpec[], shiftMs: number): RekeyPlan {
  const byKey = new Map(next.map((occurrence) => [occurrence.occurrenceKey, occurrence]));
  const plan: RekeyPlan = { update: [], insert: [], delete: [] };
  for (const row of old) {
    const target = byKey.get(shiftKey(row.occurrenceKey, shiftMs));
    if (target) {
      plan.update.push({ id: row.id, ...target });
      byKey.delete(target.occurrenceKey);
    } else {
      plan.delete.push(row.id);
    }
  }
  plan.insert = [...byKey.values()];
  return plan;
}

const isWeekday = (value: string): value is Weekday => (WEEKDAYS as readonly string[]).includes(value);

/** The UI's rhythm for a stored rule (as toRRule wrote it, or as splitSeries ended it), for describeRecurrence. */
export function recurrenceFromRRule(rrule: string, timeZone: string): Recurrence {
  const parts = parseRRule(rrule);
  const frequency = (parts.get('FREQ') ?? 'DAILY').toLowerCase() as Recurrence['frequency'];
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const until = parts.get('UNTIL');
  const end: Recurrence['end'] = until
    ? {
        type: 'until',
        date: DateTime.fromFormat(until, "yyyyLLdd'T'HHmmss'Z'", { zone: 'utc' })
          .setZone(timeZone)
          .toFormat('yyyy-LL-dd'),
      }
    : { type: 'count', count: Number(parts.get('COUNT') ?? '1') };
  const byDay = parts.get('BYDAY');
  if (frequency === 'weekly') {
    const days = (byDay ?? '').split(',').filter(isWeekday);
    return { frequency, interval, end, ...(days.length > 0 ? { byWeekday: days } : {}) };
  }
  if (frequency === 'monthly' && byDay !== undefined) {
    const position = Number(byDay.slice(0, -2));
    const monthlyPosition =
      position === -1 ? -1 : position === 1 || position === 2 || position === 3 ? position : 4;
    return { frequency, interval, end, monthlyMode: 'by_weekday', monthlyPosition };
  }
  if (frequency === 'monthly') {
    return { frequency, interval, end, monthlyMode: 'by_date' };
  }
  return { frequency, interval, end };
}
