import type { Weekday } from './meetings-types';

/** Pure date and time helpers for the meeting pages. Wall times are `YYYY-MM-DDTHH:mm` in a named zone. */

export const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** The weekday of a calendar date (`YYYY-MM-DD`), independent of any zone. */
export function weekdayOf(date: string): Weekday {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const sunday0 = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return WEEKDAYS[(sunday0 + 6) % 7] ?? 'MO';
}

/** "The second Tuesday": the position of the date's weekday in its month, 1–4, or -1 for a fifth (the last). */
export function monthlyPositionOf(date: string): 1 | 2 | 3 | 4 | -1 {
  const day = Number(date.slice(8, 10));
  const position = Math.ceil(day / 7);
  return position >= 5 ? -1 : (position as 1 | 2 | 3 | 4);
}

/** The day of month of a calendar date. */
export function dayOfMonth(date: string): number {
  return Number(date.slice(8, 10));
}

/** A calendar date moved by whole days (`YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** A calendar date moved by whole months, clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const last = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 1 + months, Math.min(day, last))).toISOString().slice(0, 10);
}

/** The wall time of an instant in a zone: `{ date: 'YYYY-MM-DD', time: 'HH:mm' }`. */
export function wallTimeOf(instant: string | Date, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
  };
}

/** Today in a zone (`YYYY-MM-DD`). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return wallTimeOf(now, timeZone).date;
}

/**
 * A date with its time span for the reader, e.g. "Di., 24. März 2026, 19:00–20:30". `timeZone` undefined: the
 * browser's zone (the viewer's); with `showZone` the zone's short name is added (for invitees elsewhere).
 */
export function formatSpan(
  start: string,
  end: string,
  language: string,
  timeZone?: string,
  showZone = false,
): string {
  const zone = timeZone === undefined ? {} : { timeZone };
  const day = new Intl.DateTimeFormat(language, {
    ...zone,
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(start));
  const time = new Intl.DateTimeFormat(language, {
    ...zone,
    hour: '2-digit',
    minute: '2-digit',
    ...(showZone ? { timeZoneName: 'short' as const } : {}),
  });
  const from = new Intl.DateTimeFormat(language, { ...zone, hour: '2-digit', minute: '2-digit' }).format(
    new Date(start),
  );
  return `${day}, ${from}–${time.format(new Date(end))}`;
}

/** The browser's own zone (the viewer's), e.g. `Europe/Berlin`. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Zones to choose from: the common ones first, then every zone the browser knows. */
export function timeZoneOptions(current: string): string[] {
  const common = ['Europe/Berlin', 'Europe/Vienna', 'Europe/Zurich', 'Europe/London', 'UTC'];
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([current, ...common, ...all])];
}

/** A start for the reader, e.g. "Di., 24. März 2026, 19:00" (the viewer's zone unless given). */
export function formatStart(start: string, language: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, {
    ...(timeZone === undefined ? {} : { timeZone }),
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(start));
}
