import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { buildVTimezone, cleanIcsText, ICS_TEXT_LIMITS, type MovedOccurrence } from './ics-fns.js';
import type { LocalDateTime } from './recurrence-fns.js';
import { formatRRule, MAX_SERIES_YEARS, parseRRule } from './recurrence-schemas.js';

/** One calendar entry of the feed: a single meeting, or one rule of a series. */
export interface FeedEntry {
  uid: string;
  sequence: number;
  title: string;
  description: string;
  /** The host's page of the meeting. */
  url: string;
  cancelled: boolean;
  start: LocalDateTime;
  timeZone: string;
  durationMinutes: number;
  rrule?: string | undefined;
  exdates?: LocalDateTime[] | undefined;
  movedOccurrences?: MovedOccurrence[] | undefined;
}

const icsWallTime = (key: LocalDateTime): string => `${key.replace(/[-:]/g, '')}00`;

/**
 * A host's private subscription (METHOD:PUBLISH): their meetings and series with rules, cancelled dates and
 * moves, as the invitations describe them, but without passcodes, invitees or personal links.
 */
export function buildCalendarFeed(input: { name: string; entries: FeedEntry[]; now: Date }): string {
  const year = input.now.getUTCFullYear();
  const calendar = ical({
    prodId: { company: 'Treffpunkt', product: 'Treffpunkt', language: 'DE' },
    method: ICalCalendarMethod.PUBLISH,
    name: cleanIcsText(input.name, ICS_TEXT_LIMITS.title),
    ttl: 60 * 60,
    timezone: { name: null, generator: (tz) => buildVTimezone(tz, year - 1, year + MAX_SERIES_YEARS + 1) },
  });
  for (const entry of input.entries) {
    const wall = (key: LocalDateTime) => DateTime.fromISO(key, { zone: entry.timeZone });
    const common = {
      id: entry.uid,
      sequence: entry.sequence,
      stamp: input.now,
      timezone: entry.timeZone,
      summary: cleanIcsText(entry.title, ICS_TEXT_LIMITS.title),
      description: cleanIcsText(entry.description, ICS_TEXT_LIMITS.description) || null,
      url: entry.url,
      status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    };
    const exdates = entry.exdates?.length
      ? `\r\nEXDATE;TZID=${entry.timeZone}:${entry.exdates.map(icsWallTime).join(',')}`
      : '';
    const start = wall(entry.start);
    calendar.createEvent({
      ...common,
      start,
      end: start.plus({ minutes: entry.durationMinutes }),
      repeating: entry.rrule === undefined ? null : formatRRule(parseRRule(entry.rrule)) + exdates,
    });
    for (const moved of entry.rrule === undefined ? [] : (entry.movedOccurrences ?? [])) {
      const movedStart = DateTime.fromJSDate(moved.start, { zone: entry.timeZone });
      calendar.createEvent({
        ...common,
        start: movedStart,
        end: movedStart.plus({ minutes: moved.durationMinutes }),
        recurrenceId: wall(moved.occurrenceKey),
      });
    }
  }
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
