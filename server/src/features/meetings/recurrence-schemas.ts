import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { badRequest } from '../../http/errors.js';

/**
 * Hard caps of a series, whatever its rule says: a series is expanded in full (to key occurrences and apply
 * exceptions), so an unbounded rule must not make that unbounded. Self-help groups plan months, not decades;
 * a longer rhythm is continued with "this and following".
 */
export const MAX_OCCURRENCES = 200;
export const MAX_SERIES_YEARS = 2;
export const MAX_DURATION_MINUTES = 24 * 60;

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A wall-clock time without zone, minute precision: `2026-03-24T19:00`. Also the shape of occurrence keys. */
export const localDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'expected YYYY-MM-DDTHH:mm')
  .refine((s) => DateTime.fromISO(s, { zone: 'utc' }).isValid, 'not a calendar date and time');

export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => DateTime.fromISO(s, { zone: 'utc' }).isValid, 'not a calendar date');

/** An IANA zone name as luxon (that is, Node's ICU) knows it. Never a fixed offset: it would not follow DST. */
export const timeZoneSchema = z
  .string()
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_+/-]*$/, 'expected an IANA time zone name')
  .refine((s) => IANAZone.isValidZone(s), 'unknown time zone');

export const durationMinutesSchema = z.number().int().min(1).max(MAX_DURATION_MINUTES);

const endSchema = z.discriminatedUnion('type', [
  /** The last day (inclusive, in the series' zone) on which an occurrence may fall. */
  z.object({ type: z.literal('until'), date: localDateSchema }),
  z.object({ type: z.literal('count'), count: z.number().int().min(1).max(MAX_OCCURRENCES) }),
]);

/**
 * A rhythm as the UI sends it. The weekday and day of month of monthly rules come from the first start, so
 * that the first start is always an occurrence (RFC 5545 leaves an unsynchronised DTSTART undefined).
 */
export const recurrenceSchema = z
  .object({
    frequency: z.enum(['daily', 'weekly', 'monthly']),
    interval: z.number().int().min(1).max(52),
    /** Weekly only; defaults to the first start's weekday. */
    byWeekday: z.array(z.enum(WEEKDAYS)).min(1).max(7).optional(),
    /** Monthly only: same day of month, or same weekday position ("second Tuesday"). Default by_date. */
    monthlyMode: z.enum(['by_date', 'by_weekday']).optional(),
    /** by_weekday only: 1..4, or -1 for "last". Defaults to the first start's position (5th becomes -1). */
    monthlyPosition: z
      .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)])
      .optional(),
    end: endSchema,
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (r.byWeekday && r.frequency !== 'weekly') {
      issue('byWeekday', 'only for weekly series');
    }
    if (r.byWeekday && new Set(r.byWeekday).size !== r.byWeekday.length) {
      issue('byWeekday', 'weekdays must be unique');
    }
    if (r.monthlyMode && r.frequency !== 'monthly') {
      issue('monthlyMode', 'only for monthly series');
    }
    if (r.monthlyPosition !== undefined && r.monthlyMode !== 'by_weekday') {
      issue('monthlyPosition', 'only with monthlyMode by_weekday');
    }
  });
export type Recurrence = z.infer<typeof recurrenceSchema>;

/** Whether an `until` date keeps the series within MAX_SERIES_YEARS of its first start (and not before it). */
export function untilWithinCap(firstStart: string, untilDate: string): boolean {
  const start = DateTime.fromISO(firstStart, { zone: 'utc' });
  const until = DateTime.fromISO(untilDate, { zone: 'utc' });
  return until >= start.startOf('day') && until <= start.plus({ years: MAX_SERIES_YEARS });
}

/** A series as the API creates it: rhythm, first start in the group's zone, and length. */
export const seriesDefinitionSchema = z
  .object({
    recurrence: recurrenceSchema,
    firstStart: localDateTimeSchema,
    timeZone: timeZoneSchema,
    durationMinutes: durationMinutesSchema,
  })
  .superRefine((s, ctx) => {
    if (s.recurrence.end.type === 'until' && !untilWithinCap(s.firstStart, s.recurrence.end.date)) {
      ctx.addIssue({
        code: 'custom',
        path: ['recurrence', 'end', 'date'],
        message: `must lie between the first start and ${MAX_SERIES_YEARS} years after it`,
      });
    }
  });
export type SeriesDefinition = z.infer<typeof seriesDefinitionSchema>;

/** One deviation from the rule, addressed by the occurrence's original wall-clock start. */
export const seriesExceptionSchema = z.discriminatedUnion('kind', [
  z.object({ occurrenceKey: localDateTimeSchema, kind: z.literal('cancelled') }),
  z.object({
    occurrenceKey: localDateTimeSchema,
    kind: z.literal('moved'),
    /** An instant with offset, e.g. `2026-04-01T17:00:00Z`. */
    start: z.iso.datetime({ offset: true }),
    durationMinutes: durationMinutesSchema,
  }),
]);
export type SeriesException = z.infer<typeof seriesExceptionSchema>;
export const seriesExceptionsSchema = z.array(seriesExceptionSchema).max(MAX_OCCURRENCES);

const PLAIN_DAYS = '(?:MO|TU|WE|TH|FR|SA|SU)';
const PART_VALUES: Record<string, RegExp> = {
  FREQ: /^(?:DAILY|WEEKLY|MONTHLY)$/,
  INTERVAL: /^(?:[1-9]|[1-4]\d|5[0-2])$/,
  COUNT: /^[1-9]\d{0,2}$/,
  UNTIL: /^\d{8}T\d{6}Z$/,
  BYDAY: new RegExp(`^(?:(?:-1|[1-4])${PLAIN_DAYS}|${PLAIN_DAYS}(?:,${PLAIN_DAYS})*)$`),
  BYMONTHDAY: /^(?:[1-9]|[12]\d|3[01])$/,
  WKST: /^MO$/,
};

/**
 * Parses a stored RRULE line into its parts, accepting only the shapes toRRule writes. Anything else (SECONDLY, BYSETPOS lists,
 * rules that never match) is refused, so expansion stays cheap and every rule means what the UI shows.
 */
export function parseRRule(rrule: string): Map<string, string> {
  const invalid = (why: string) => badRequest('invalid_rrule', `Invalid recurrence rule: ${why}.`);
  const body = rrule.trim().replace(/^RRULE:/i, '');
  if (body.length > 200) {
    throw invalid('too long');
  }
  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    const [key = '', value = '', extra] = part.split('=');
    const pattern = PART_VALUES[key];
    if (extra !== undefined || !pattern?.test(value) || parts.has(key)) {
      throw invalid(`unsupported part "${part.slice(0, 30)}"`);
    }
    parts.set(key, value);
  }
  const freq = parts.get('FREQ');
  const byDay = parts.get('BYDAY');
  const positioned = byDay !== undefined && /^[-\d]/.test(byDay);
  if (freq === undefined || (parts.has('COUNT') && parts.has('UNTIL'))) {
    throw invalid('needs FREQ, and COUNT or UNTIL but not both');
  }
  if (Number(parts.get('COUNT') ?? 1) > MAX_OCCURRENCES) {
    throw invalid(`COUNT above ${MAX_OCCURRENCES}`);
  }
  const fits =
    freq === 'DAILY'
      ? byDay === undefined && !parts.has('BYMONTHDAY')
      : freq === 'WEEKLY'
        ? !positioned && !parts.has('BYMONTHDAY')
        : !(byDay !== undefined && (!positioned || parts.has('BYMONTHDAY')));
  if (!fits) {
    throw invalid(`BYDAY/BYMONTHDAY do not fit FREQ=${freq}`);
  }
  return parts;
}

export const formatRRule = (parts: Map<string, string>): string =>
  `RRULE:${[...parts].map(([key, value]) => `${key}=${value}`).join(';')}`;

/** A stored RRULE line, as parseRRule accepts it. */
export const rruleSchema = z
  .string()
  .max(210)
  .refine((rrule) => {
    try {
      parseRRule(rrule);
      return true;
    } catch {
      return false;
    }
  }, 'unsupported recurrence rule');
