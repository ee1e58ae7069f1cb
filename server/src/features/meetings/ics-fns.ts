import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import { DateTime, IANAZone } from 'luxon';
import { badRequest } from '../../http/errors.js';
import type { LocalDateTime } from './recurrence-fns.js';
import {
  MAX_SERIES_YEARS,
  WEEKDAYS,
  durationMinutesSchema,
  formatRRule,
  localDateTimeSchema,
  parseRRule,
  timeZoneSchema,
} from './recurrence-schemas.js';

/**
 * Longest texts written into an invitation, in code points; longer ones are cut. Calendar clients show only a
 * line or two of a title, and the caps keep a hostile text from bloating every invitation mail.
 */
export const ICS_TEXT_LIMITS = { title: 200, description: 4000, name: 100, url: 2000 } as const;

export interface MovedOccurrence {
  occurrenceKey: LocalDateTime;
  start: Date;
  durationMinutes: number;
}

export interface InvitationInput {
  /** REQUEST invites or updates; CANCEL cancels the meeting, or one occurrence with `cancelledOccurrence`. */
  method: 'REQUEST' | 'CANCEL';
  /** Stable per meeting or series, for example `<meeting id>@<host name>`: clients match updates by it. */
  uid: string;
  /** Raised with every update of the same UID; clients ignore an update whose SEQUENCE is not higher. */
  sequence: number;
  title: string;
  description?: string;
  /** The join link, written as LOCATION and URL. */
  joinUrl: string;
  organizer: { name: string; email: string };
  attendee: { email: string; name?: string };
  /** Wall time in `timeZone`: the meeting's start, or the series' first start. */
  start: LocalDateTime;
  timeZone: string;
  durationMinutes: number;
  rrule?: string;
  /** Occurrence keys of cancelled occurrences of the series. */
  exdates?: LocalDateTime[];
  cancelledOccurrence?: LocalDateTime;
  movedOccurrences?: MovedOccurrence[];
  /** DTSTAMP; defaults to now. */
  now?: Date;
}

const invalid = (what: string) => badRequest('invalid_invitation', `Invalid invitation: ${what}.`);

/**
 * Text for a TEXT property: line breaks become LF (escaped as `\n` by ical-generator, as are `,` `;` `\`),
 * every other control character goes (RFC 5545 forbids them; a raw CR or LF would start a new property).
 */
export function cleanIcsText(text: string, max: number): string {
  const cleaned = text.replace(/\r\n?/g, '\n').replace(/[^\P{Cc}\n\t]/gu, '');
  return Array.from(cleaned).slice(0, max).join('');
}

/** A quoted parameter value (CN) can hold no `"`, and RFC 5545 defines no escape in parameters. */
const cleanName = (name: string): string =>
  Array.from(
    name
      .replace(/["\\]/g, '')
      .replace(/[\p{Cc}\s]+/gu, ' ')
      .trim(),
  )
    .slice(0, ICS_TEXT_LIMITS.name)
    .join('');

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const checkEmail = (email: string): string => {
  if (email.length > 254 || !EMAIL.test(email)) {
    throw invalid('email address');
  }
  return email;
};

const checkUrl = (raw: string): string => {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || !['https:', 'http:'].includes(url.protocol) || url.href.length > ICS_TEXT_LIMITS.url) {
    throw invalid('join URL');
  }
  return url.href;
};

const ensure = (ok: boolean, what: string): void => {
  if (!ok) {
    throw invalid(what);
  }
};

/** `2026-03-31T19:00` → `20260331T190000`: the wall time itself, exactly as a client expands the RRULE. */
const icsWallTime = (key: LocalDateTime): string => `${key.replace(/[-:]/g, '')}00`;

const formatOffset = (minutes: number): string => {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};

interface Transition {
  /** First UTC millisecond (minute-aligned) of the new offset. */
  at: number;
  from: number;
  to: number;
}

/** Offset changes in [fromMs, toMs), found day by day and narrowed to the minute. Two on one day are missed. */
function findTransitions(zone: IANAZone, fromMs: number, toMs: number): Transition[] {
  const day = 86_400_000;
  const minute = 60_000;
  const found: Transition[] = [];
  for (let t = fromMs; t < toMs; t += day) {
    const from = zone.offset(t);
    const to = zone.offset(t + day);
    if (from === to) {
      continue;
    }
    let [lo, hi] = [t, t + day];
    while (hi - lo > minute) {
      const mid = lo + Math.floor((hi - lo) / (2 * minute)) * minute;
      [lo, hi] = zone.offset(mid) === from ? [mid, hi] : [lo, mid];
    }
    found.push({ at: hi, from, to });
  }
  return found;
}

/**
 * A VTIMEZONE built from Node's own time-zone data (through luxon), so it is as current as the runtime. Zones
 * with a steady yearly rule over the years covered get the compact RRULE form that Outlook expects; zones whose
 * rules change in that span get one component per transition.
 */
export function buildVTimezone(name: string, fromYear: number, toYear: number): string {
  const key = `${name}|${fromYear}|${toYear}`;
  const cached = vtimezoneCache.get(key);
  if (cached !== undefined) {
    return cached;
  }
  const built = computeVTimezone(name, fromYear, toYear);
  // Few zones and years are in use at once; a small cap is plenty. Zone data changes only with the runtime.
  if (vtimezoneCache.size >= 64) {
    vtimezoneCache.clear();
  }
  vtimezoneCache.set(key, built);
  return built;
}

/** Building a VTIMEZONE walks every day of the span (milliseconds each); invitations to 500 people reuse it. */
const vtimezoneCache = new Map<string, string>();

function computeVTimezone(name: string, fromYear: number, toYear: number): string {
  const zone = IANAZone.create(name);
  const fromMs = Date.UTC(fromYear, 0, 1);
  const all = findTransitions(zone, fromMs, Date.UTC(toYear + 1, 0, 1));
  const describe = (t: Transition) => {
    const local = DateTime.fromMillis(t.at + t.from * 60_000, { zone: 'utc' });
    const after = DateTime.fromMillis(t.at, { zone: name });
    const nth = local.day + 7 > (local.daysInMonth ?? 31) ? -1 : Math.ceil(local.day / 7);
    const rule = `FREQ=YEARLY;BYMONTH=${local.month};BYDAY=${nth}${WEEKDAYS[local.weekday - 1] ?? ''}`;
    const tzname = after.setLocale('en-GB').offsetNameShort;
    return {
      kind: after.isInDST ? 'DAYLIGHT' : 'STANDARD',
      dtstart: local.toFormat("yyyyLLdd'T'HHmmss"),
      key: `${rule}|${local.toFormat('HHmmss')}|${t.from}|${t.to}`,
      rule,
      lines: [
        `TZOFFSETFROM:${formatOffset(t.from)}`,
        `TZOFFSETTO:${formatOffset(t.to)}`,
        ...(tzname ? [`TZNAME:${tzname}`] : []),
      ],
    };
  };
  const described = all.map(describe);
  const years = toYear - fromYear + 1;
  // Steady: two transitions a year, every year's first (and second) on the same rule, time and offsets.
  const steady =
    described.length === 2 * years &&
    described.every((d, i) => d.key === described[i % 2]?.key) &&
    all.every((t, i) => new Date(t.at).getUTCFullYear() === fromYear + Math.floor(i / 2));
  const component = (kind: string, body: string[]) => [`BEGIN:${kind}`, ...body, `END:${kind}`];
  let components: string[];
  if (steady) {
    components = described
      .slice(0, 2)
      .flatMap((d) => component(d.kind, [`DTSTART:${d.dtstart}`, `RRULE:${d.rule}`, ...d.lines]));
  } else {
    const offset = zone.offset(fromMs);
    const base = DateTime.fromMillis(fromMs, { zone: name });
    const baseLines = [
      `DTSTART:${DateTime.fromMillis(fromMs + offset * 60_000, { zone: 'utc' }).toFormat("yyyyLLdd'T'HHmmss")}`,
    ];
    const fixed = [`TZOFFSETFROM:${formatOffset(offset)}`, `TZOFFSETTO:${formatOffset(offset)}`];
    components = [
      ...component(base.isInDST ? 'DAYLIGHT' : 'STANDARD', [...baseLines, ...fixed]),
      ...described.flatMap((d) => component(d.kind, [`DTSTART:${d.dtstart}`, ...d.lines])),
    ];
  }
  return ['BEGIN:VTIMEZONE', `TZID:${name}`, ...components, 'END:VTIMEZONE'].join('\r\n');
}

/** RFC 5545 ends every content line, the last one too, with CRLF; ical-generator leaves the last one open. */
const withFinalLineBreak = (ics: string): string => (ics.endsWith('\r\n') ? ics : `${ics}\r\n`);

/** An iTIP (RFC 5546) invitation or cancellation as a complete .ics text, for one attendee. */
export function buildInvitationIcs(input: InvitationInput): string {
  const { timeZone } = input;
  ensure(timeZoneSchema.safeParse(timeZone).success, 'time zone');
  const keys = [
    input.start,
    ...(input.exdates ?? []),
    ...(input.movedOccurrences ?? []).map((m) => m.occurrenceKey),
  ];
  if (input.cancelledOccurrence !== undefined) {
    keys.push(input.cancelledOccurrence);
  }
  ensure(
    keys.every((key) => localDateTimeSchema.safeParse(key).success),
    'wall time',
  );
  ensure(/^[A-Za-z0-9@._-]{1,255}$/.test(input.uid), 'UID');
  ensure(Number.isInteger(input.sequence) && input.sequence >= 0 && input.sequence < 2 ** 31, 'sequence');
  const moves = input.movedOccurrences ?? [];
  ensure(
    moves.every((m) => !Number.isNaN(m.start.getTime())),
    'moved start',
  );
  const durations = [input.durationMinutes, ...moves.map((m) => m.durationMinutes)];
  ensure(
    durations.every((d) => durationMinutesSchema.safeParse(d).success),
    'duration',
  );
  const cancelOne = input.cancelledOccurrence !== undefined;
  ensure(
    !cancelOne || (input.method === 'CANCEL' && input.rrule !== undefined),
    'occurrence cancel without a rule',
  );
  ensure(input.method === 'REQUEST' || !input.movedOccurrences?.length, 'moved occurrences in a cancel');
  const exceptions = (input.exdates?.length ?? 0) + (input.movedOccurrences?.length ?? 0);
  ensure(input.rrule !== undefined || exceptions === 0, 'exceptions without a rule');

  const wall = (key: LocalDateTime) => DateTime.fromISO(key, { zone: timeZone });
  const startYear = wall(input.start).year;
  const calendar = ical({
    prodId: { company: 'Treffpunkt', product: 'Treffpunkt', language: 'DE' },
    method: input.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
    // No calendar-wide zone name: with one, ical-generator writes DTSTAMP in the process's zone, without Z.
    timezone: {
      name: null,
      generator: (tz) => buildVTimezone(tz, startYear - 1, startYear + MAX_SERIES_YEARS + 1),
    },
  });
  const joinUrl = checkUrl(input.joinUrl);
  const attendeeName = input.attendee.name === undefined ? undefined : cleanName(input.attendee.name);
  const common = {
    id: input.uid,
    sequence: input.sequence,
    stamp: input.now ?? new Date(),
    timezone: timeZone,
    summary: cleanIcsText(input.title, ICS_TEXT_LIMITS.title),
    description: cleanIcsText(input.description ?? '', ICS_TEXT_LIMITS.description) || null,
    location: joinUrl,
    url: joinUrl,
    organizer: {
      name: cleanName(input.organizer.name) || 'Treffpunkt',
      email: checkEmail(input.organizer.email),
    },
    attendees: [
      {
        email: checkEmail(input.attendee.email),
        ...(attendeeName ? { name: attendeeName } : {}),
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
        // Replies would go to the organizer address, which does not process iTIP replies.
        rsvp: false,
      },
    ],
  };
  const status = input.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED;
  if (input.cancelledOccurrence !== undefined) {
    const occurrence = wall(input.cancelledOccurrence);
    const end = occurrence.plus({ minutes: input.durationMinutes });
    calendar.createEvent({ ...common, start: occurrence, end, recurrenceId: occurrence, status });
    return withFinalLineBreak(calendar.toString());
  }
  let repeating: string | null = null;
  if (input.rrule !== undefined) {
    // A string rule goes out verbatim, so the EXDATE line is added here (ical-generator's own one needs Dates).
    const exdates = input.exdates?.length
      ? `\r\nEXDATE;TZID=${timeZone}:${input.exdates.map(icsWallTime).join(',')}`
      : '';
    repeating = formatRRule(parseRRule(input.rrule)) + exdates;
  }
  const start = wall(input.start);
  calendar.createEvent({
    ...common,
    start,
    end: start.plus({ minutes: input.durationMinutes }),
    repeating,
    status,
  });
  for (const moved of input.movedOccurrences ?? []) {
    const movedStart = DateTime.fromJSDate(moved.start, { zone: timeZone });
    const end = movedStart.plus({ minutes: moved.durationMinutes });
    calendar.createEvent({
      ...common,
      start: movedStart,
      end,
      recurrenceId: wall(moved.occurrenceKey),
      status,
    });
  }
  return withFinalLineBreak(calendar.toString());
}
