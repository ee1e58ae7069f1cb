import { DateTime } from 'luxon';
import rrulePackage from 'rrule';
import { badRequest, notFound } from '../../http/errors.js';
import {
  MAX_OCCURRENCES,
  MAX_SERIES_YEARS,
  formatRRule,
  parseRRule,
  WEEKDAYS,
  untilWithinCap,
  type Recurrence,
  type SeriesException,
  type Weekday,
} from './recurrence-schemas.js';

// rrule ships a UMD bundle: Node's ESM loader sees only its default export, so named imports would fail at run time.
const { RRule } = rrulePackage;

/** A wall-clock time without zone, minute precision: `2026-03-24T19:00`. */
export type LocalDateTime = string;

/** A stored series: RRULE + first start (wall time in `timeZone`) + exceptions, as RFC 5545 keeps them. */
export interface Series {
  rrule: string;
  firstStart: LocalDateTime;
  timeZone: string;
  durationMinutes: number;
  exceptions: SeriesException[];
}

export interface Occurrence {
  /** The original wall-clock start; stays the same when the occurrence is moved. */
  occurrenceKey: LocalDateTime;
  start: Date;
  end: Date;
  status: 'scheduled' | 'cancelled' | 'moved';
}

/**
 * Series are expanded in "floating" time: the wall time is written as if it were UTC, where no DST exists, and
 * each result is turned into an instant in the series' zone afterwards. rrule's own TZID support converts
 * through the process zone and shifts wall times across DST, so it is not used.
 */
const toFloating = (local: string): Date => new Date(`${local.length === 16 ? `${local}:00` : local}Z`);
const fromFloating = (date: Date): LocalDateTime => date.toISOString().slice(0, 16);

/** The instant of a wall time in a zone. A time inside a spring-forward gap moves forward by the gap. */
export function wallTimeToInstant(local: LocalDateTime, timeZone: string): Date {
  return DateTime.fromISO(local, { zone: timeZone }).toJSDate();
}

const addMinutes = (date: Date, minutes: number): Date => new Date(date.getTime() + minutes * 60_000);
const utcStamp = (instant: DateTime): string => instant.toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'");

/**
 * All occurrence keys of a series, in order, capped at MAX_OCCURRENCES and MAX_SERIES_YEARS after the first
 * start whatever the rule says.
 */
export function occurrenceKeys(series: Pick<Series, 'rrule' | 'firstStart' | 'timeZone'>): LocalDateTime[] {
  const parts = parseRRule(series.rrule);
  const options = RRule.parseString(formatRRule(parts));
  if (options.until) {
    // UNTIL is an instant (UTC, as RFC 5545 requires with a TZID start); compare it as a wall time instead.
    const wall = DateTime.fromJSDate(options.until, { zone: series.timeZone });
    options.until = toFloating(wall.toFormat("yyyy-LL-dd'T'HH:mm:ss"));
  }
  const dtstart = toFloating(series.firstStart);
  const cap = DateTime.fromJSDate(dtstart, { zone: 'utc' }).plus({ years: MAX_SERIES_YEARS }).toJSDate();
  const rule = new RRule({ ...options, dtstart });
  return rule.all((date, count) => count < MAX_OCCURRENCES && date <= cap).map(fromFloating);
}

const ensureStartsWith = (series: Pick<Series, 'rrule' | 'firstStart' | 'timeZone'>): void => {
  if (occurrenceKeys(series)[0] !== series.firstStart) {
    throw badRequest('recurrence_start_mismatch', 'The first start is not an occurrence of the rhythm.');
  }
};

/** Position of a date's weekday in its month: 1..4, or -1 for a fifth one (which is always the last). */
export function weekdayPosition(date: DateTime): 1 | 2 | 3 | 4 | -1 {
  const nth = Math.ceil(date.day / 7);
  return nth === 1 || nth === 2 || nth === 3 || nth === 4 ? nth : -1;
}

const weekdayOf = (date: DateTime): Weekday => WEEKDAYS[date.weekday - 1] ?? 'MO';

/** The RRULE line for a rhythm from the UI. Throws if the first start is not an occurrence of it. */
export function toRRule(recurrence: Recurrence, firstStartLocal: LocalDateTime, timeZone: string): string {
  const start = DateTime.fromISO(firstStartLocal, { zone: 'utc' });
  const parts = new Map<string, string>([['FREQ', recurrence.frequency.toUpperCase()]]);
  if (recurrence.interval > 1) {
    parts.set('INTERVAL', String(recurrence.interval));
  }
  if (recurrence.frequency === 'weekly') {
    const days = recurrence.byWeekday ?? [weekdayOf(start)];
    parts.set('BYDAY', WEEKDAYS.filter((day) => days.includes(day)).join(','));
    parts.set('WKST', 'MO');
  }
  if (recurrence.frequency === 'monthly' && recurrence.monthlyMode === 'by_weekday') {
    parts.set('BYDAY', `${recurrence.monthlyPosition ?? weekdayPosition(start)}${weekdayOf(start)}`);
  } else if (recurrence.frequency === 'monthly') {
    parts.set('BYMONTHDAY', String(start.day));
  }
  if (recurrence.end.type === 'count') {
    parts.set('COUNT', String(recurrence.end.count));
  } else if (untilWithinCap(firstStartLocal, recurrence.end.date)) {
    parts.set('UNTIL', utcStamp(DateTime.fromISO(recurrence.end.date, { zone: timeZone }).endOf('day')));
  } else {
    throw badRequest('recurrence_too_long', `A series may last at most ${MAX_SERIES_YEARS} years.`);
  }
  const rrule = formatRRule(parts);
  ensureStartsWith({ rrule, firstStart: firstStartLocal, timeZone });
  return rrule;
}

export interface ExpandSeriesInput extends Series {
  from: Date;
  to: Date;
}

/**
 * Occurrences overlapping [from, to), by their effective (possibly moved) time, sorted by start. Cancelled ones
 * are included with their status; exceptions whose key is no occurrence (any more) are ignored.
 */
export function expandSeries(input: ExpandSeriesInput): Occurrence[] {
  const exceptions = new Map(input.exceptions.map((exception) => [exception.occurrenceKey, exception]));
  const occurrences: Occurrence[] = [];
  for (const occurrenceKey of occurrenceKeys(input)) {
    const exception = exceptions.get(occurrenceKey);
    const start =
      exception?.kind === 'moved'
        ? new Date(exception.start)
        : wallTimeToInstant(occurrenceKey, input.timeZone);
    const minutes = exception?.kind === 'moved' ? exception.durationMinutes : input.durationMinutes;
    const end = addMinutes(start, minutes);
    if (start < input.to && end > input.from) {
      occurrences.push({ occurrenceKey, start, end, status: exception ? exception.kind : 'scheduled' });
    }
  }
  return occurrences.sort((a, b) => a.start.getTime() - b.start.getTime());
}

export interface SeriesChanges {
  /** The new rhythm (from toRRule); default: the old one, with a COUNT reduced by the occurrences before. */
  rrule?: string;
  /** Default: the split occurrence's key. Exceptions are re-keyed by the same wall-clock shift. */
  firstStart?: LocalDateTime;
  durationMinutes?: number;
}

export interface SplitResult {
  /** The old series, ended just before the split; null when splitting at its first occurrence. */
  before: Series | null;
  after: Series;
  /** Exceptions after the split that match no occurrence of the new rhythm; tell the host about them. */
  droppedExceptions: SeriesException[];
}

/** "Edit this and following": ends the series before `fromOccurrenceKey` and starts a new one there. */
export function splitSeries(
  series: Series,
  fromOccurrenceKey: LocalDateTime,
  changes: SeriesChanges,
): SplitResult {
  const keys = occurrenceKeys(series);
  const index = keys.indexOf(fromOccurrenceKey);
  if (index < 0) {
    throw notFound('occurrence');
  }
  const oldParts = parseRRule(series.rrule);
  let before: Series | null = null;
  if (index > 0) {
    const endParts = new Map(oldParts);
    endParts.delete('COUNT');
    // UNTIL is inclusive: the last kept occurrence's instant. (The split's instant minus a second would fail for
    // a wall time inside a DST gap, whose instant lies after the wall time.)
    const lastKept = wallTimeToInstant(keys[index - 1] ?? series.firstStart, series.timeZone);
    endParts.set('UNTIL', utcStamp(DateTime.fromJSDate(lastKept)));
    const exceptions = series.exceptions.filter((exception) => exception.occurrenceKey < fromOccurrenceKey);
    before = { ...series, rrule: formatRRule(endParts), exceptions };
  }
  const count = oldParts.get('COUNT');
  if (changes.rrule === undefined && count !== undefined) {
    oldParts.set('COUNT', String(Number(count) - index));
  }
  const firstStart = changes.firstStart ?? fromOccurrenceKey;
  const after: Series = {
    rrule: changes.rrule === undefined ? formatRRule(oldParts) : formatRRule(parseRRule(changes.rrule)),
    firstStart,
    timeZone: series.timeZone,
    durationMinutes: changes.durationMinutes ?? series.durationMinutes,
    exceptions: [],
  };
  ensureStartsWith(after);
  const shiftMs = toFloating(firstStart).getTime() - toFloating(fromOccurrenceKey).getTime();
  const newKeys = new Set(occurrenceKeys(after));
  const droppedExceptions: SeriesException[] = [];
  for (const exception of series.exceptions.filter((e) => e.occurrenceKey >= fromOccurrenceKey)) {
    const occurrenceKey = fromFloating(new Date(toFloating(exception.occurrenceKey).getTime() + shiftMs));
    if (newKeys.has(occurrenceKey)) {
      after.exceptions.push({ ...exception, occurrenceKey });
    } else {
      droppedExceptions.push(exception);
    }
  }
  return { before, after, droppedExceptions };
}

interface Phrases {
  days: Record<Weekday, string>;
  and: string;
  daily: (n: number) => string;
  weekly: (n: number, days: string) => string;
  monthlyByWeekday: (n: number, position: number, day: string) => string;
  monthlyByDate: (n: number, dayOfMonth: number) => string;
  time: (start: DateTime) => string;
  count: (count: number) => string;
  until: (date: DateTime) => string;
}

const EN_POSITIONS = ['last', 'first', 'second', 'third', 'fourth'];
const enOrdinal = (d: number) =>
  `${d}${d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : 'th'}`;

const PHRASES: Record<'de' | 'en', Phrases> = {
  de: {
    days: {
      MO: 'Montag',
      TU: 'Dienstag',
      WE: 'Mittwoch',
      TH: 'Donnerstag',
      FR: 'Freitag',
      SA: 'Samstag',
      SU: 'Sonntag',
    },
    and: 'und',
    daily: (n) => (n === 1 ? 'Täglich' : `Alle ${n} Tage`),
    weekly: (n, days) => (n === 1 ? `Jeden ${days}` : `Alle ${n} Wochen am ${days}`),
    monthlyByWeekday: (n, position, day) => {
      const nth = position === -1 ? 'letzten' : `${position}.`;
      return n === 1 ? `Jeden ${nth} ${day} im Monat` : `Alle ${n} Monate am ${nth} ${day}`;
    },
    monthlyByDate: (n, d) => (n === 1 ? `Jeden Monat am ${d}.` : `Alle ${n} Monate am ${d}.`),
    time: (start) => `${start.toFormat('HH:mm')} Uhr`,
    count: (count) => `${count} ${count === 1 ? 'Termin' : 'Termine'}`,
    until: (date) => `bis ${date.toFormat('dd.LL.yyyy')}`,
  },
  en: {
    days: {
      MO: 'Monday',
      TU: 'Tuesday',
      WE: 'Wednesday',
      TH: 'Thursday',
      FR: 'Friday',
      SA: 'Saturday',
      SU: 'Sunday',
    },
    and: 'and',
    daily: (n) => (n === 1 ? 'Every day' : `Every ${n} days`),
    weekly: (n, days) => (n === 1 ? `Every ${days}` : `Every ${n} weeks on ${days}`),
    monthlyByWeekday: (n, position, day) => {
      const nth = EN_POSITIONS[position === -1 ? 0 : position] ?? '';
      return n === 1 ? `Every ${nth} ${day} of the month` : `Every ${n} months on the ${nth} ${day}`;
    },
    monthlyByDate: (n, d) =>
      n === 1 ? `Every month on the ${enOrdinal(d)}` : `Every ${n} months on the ${enOrdinal(d)}`,
    time: (start) =>
      `${start.hour % 12 === 0 ? 12 : start.hour % 12}:${start.toFormat('mm')} ${start.hour < 12 ? 'am' : 'pm'}`,
    count: (count) => (count === 1 ? 'once' : `${count} times`),
    until: (date) => `until ${date.setLocale('en-GB').toFormat('d LLLL yyyy')}`,
  },
};

/** Plain-text rhythm for invitations and the UI: "Jeden 2. Dienstag im Monat, 19:00 Uhr, 10 Termine". */
export function describeRecurrence(
  recurrence: Recurrence,
  lang: 'de' | 'en',
  firstStart: LocalDateTime,
): string {
  const start = DateTime.fromISO(firstStart, { zone: 'utc' });
  const phrases = PHRASES[lang];
  const n = recurrence.interval;
  let rhythm: string;
  if (recurrence.frequency === 'daily') {
    rhythm = phrases.daily(n);
  } else if (recurrence.frequency === 'weekly') {
    const days = WEEKDAYS.filter((day) => (recurrence.byWeekday ?? [weekdayOf(start)]).includes(day));
    const names = days.map((day) => phrases.days[day]);
    const list =
      names.length < 2
        ? names.join('')
        : `${names.slice(0, -1).join(', ')} ${phrases.and} ${names.at(-1) ?? ''}`;
    rhythm = phrases.weekly(n, list);
  } else if (recurrence.monthlyMode === 'by_weekday') {
    const position = recurrence.monthlyPosition ?? weekdayPosition(start);
    rhythm = phrases.monthlyByWeekday(n, position, phrases.days[weekdayOf(start)]);
  } else {
    rhythm = phrases.monthlyByDate(n, start.day);
  }
  const { end } = recurrence;
  const ending =
    end.type === 'count'
      ? phrases.count(end.count)
      : phrases.until(DateTime.fromISO(end.date, { zone: 'utc' }));
  return `${rhythm}, ${phrases.time(start)}, ${ending}`;
}
