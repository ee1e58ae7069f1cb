import type { MeetingFacts } from '../../mail/templates-meetings.js';
import type { InvitationInput, MovedOccurrence } from './ics-fns.js';
import { formatMeetingId } from './ids-fns.js';
import { dialInAvailable, shownPhonePin } from './meetings-fns.js';
import type { MeetingRecord } from './meetings-repo.js';
import type { ScheduleRecord } from './schedules-repo.js';
import type { OccurrenceRecord } from './occurrences-repo.js';
import type { Recurrence } from './recurrence-schemas.js';
import { recurrenceFromRRule } from './schedule-fns.js';

/** A meeting with everything that describes when it happens. */
export interface MeetingAggregate {
  meeting: MeetingRecord;
  schedules: ScheduleRecord[];
  /** Every occurrence, sorted by start. */
  occurrences: OccurrenceRecord[];
}

const notOver = (now: Date) => (occurrence: OccurrenceRecord) => occurrence.end > now;

/** The occurrence happening now or next (cancelled ones skipped), if any. */
export function nextOccurrence(aggregate: MeetingAggregate, now: Date): OccurrenceRecord | undefined {
  return aggregate.occurrences.find((o) => o.end > now && o.status !== 'cancelled');
}

/** Schedules with an occurrence that has not ended: the calendar entries invitees still care about. */
export function liveSchedules(aggregate: MeetingAggregate, now: Date): ScheduleRecord[] {
  const live = new Set(aggregate.occurrences.filter(notOver(now)).map((o) => o.scheduleId));
  return aggregate.schedules.filter((schedule) => live.has(schedule.id));
}

/** The next `max` dates (cancelled ones included, to be marked) and how many more are planned after them. */
export function upcomingDates(
  aggregate: MeetingAggregate,
  now: Date,
  max: number,
): { dates: Array<{ start: Date; end: Date; cancelled: boolean }>; more: number } {
  const upcoming = aggregate.occurrences.filter(notOver(now));
  const shown = upcoming.slice(0, max);
  return {
    dates: shown.map((o) => ({ start: o.start, end: o.end, cancelled: o.status === 'cancelled' })),
    more: upcoming.slice(max).filter((o) => o.status !== 'cancelled').length,
  };
}

/** Rhythms of the live rules of a series, for describeRecurrence. */
export function rhythmsOf(
  aggregate: MeetingAggregate,
  now: Date,
): Array<{ recurrence: Recurrence; firstStart: string }> {
  return liveSchedules(aggregate, now).flatMap((schedule) =>
    schedule.rrule === null
      ? []
      : [
          {
            recurrence: recurrenceFromRRule(schedule.rrule, aggregate.meeting.timeZone),
            firstStart: schedule.firstStart,
          },
        ],
  );
}

/** The date part of a schedule's calendar entry: rule, cancelled keys (EXDATE) and moved occurrences. */
export function scheduleIcs(
  aggregate: MeetingAggregate,
  schedule: ScheduleRecord,
): Pick<
  InvitationInput,
  'start' | 'timeZone' | 'durationMinutes' | 'rrule' | 'exdates' | 'movedOccurrences'
> {
  const own = aggregate.occurrences.filter((o) => o.scheduleId === schedule.id);
  const base = {
    start: schedule.firstStart,
    timeZone: aggregate.meeting.timeZone,
    durationMinutes: schedule.durationMinutes,
  };
  if (schedule.rrule === null) {
    return base;
  }
  const moved: MovedOccurrence[] = own
    .filter((o) => o.status === 'moved')
    .map((o) => ({
      occurrenceKey: o.occurrenceKey,
      start: o.start,
      durationMinutes: Math.round((o.end.getTime() - o.start.getTime()) / 60_000),
    }));
  return {
    ...base,
    rrule: schedule.rrule,
    exdates: own.filter((o) => o.status === 'cancelled').map((o) => o.occurrenceKey),
    movedOccurrences: moved,
  };
}

/** Dates listed in a mail or invitation text; the rest is "… and N more". */
const DATES_SHOWN = 6;

/**
 * What mails and the invitation text say about a meeting, for a reader in `timeZone`. With `pin` (a personal
 * invitation) the phone part carries it; without (the text a host shares), numbers, meeting ID and the
 * meeting-wide PIN if the host switched it on.
 */
export function meetingFacts(
  aggregate: MeetingAggregate,
  reader: {
    timeZone: string;
    pin: string;
    dialInNumbers: Array<{ label: string; number: string }>;
    retentionDays: number;
    now: Date;
  },
): MeetingFacts {
  const { meeting } = aggregate;
  const { dates, more } = upcomingDates(aggregate, reader.now, meeting.kind === 'single' ? 1 : DATES_SHOWN);
  const sharedPin = reader.pin === '' ? shownPhonePin(meeting, reader.dialInNumbers) : null;
  const phone = dialInAvailable(meeting.settings, reader.dialInNumbers)
    ? {
        numbers: reader.dialInNumbers,
        meetingId: formatMeetingId(meeting.number),
        pin: reader.pin,
        ...(sharedPin !== null ? { sharedPin } : {}),
      }
    : null;
  return {
    title: meeting.title,
    description: meeting.description,
    organisationName: meeting.organisation.name,
    hostName: meeting.host?.name ?? '',
    kind: meeting.kind,
    timeZone: reader.timeZone,
    meetingTimeZone: meeting.timeZone,
    dates,
    moreDates: more,
    rhythms: meeting.kind === 'series' ? rhythmsOf(aggregate, reader.now) : [],
    phone,
    e2ee: meeting.settings.e2ee,
    retentionDays: reader.retentionDays,
  };
}
