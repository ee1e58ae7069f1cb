import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import {
  describeRecurrence,
  expandSeries,
  occurrenceKeys,
  splitSeries,
  toRRule,
  type Series,
} from './recurrence-fns.js';
import { MAX_OCCURRENCES, WEEKDAYS, type Recurrence } from './recurrence-schemas.js';

// Every expectation is an ISO instant or a wall time read through luxon in an explicit zone, never through the
// process zone: the suite runs under TZ=UTC and TZ=America/New_York with identical results.
const BERLIN = 'Europe/Berlin';
const ALL_TIME = { from: new Date('2000-01-01T00:00:00Z'), to: new Date('2100-01-01T00:00:00Z') };

const weekly = (extra: Partial<Recurrence> = {}): Recurrence => ({
  frequency: 'weekly',
  interval: 1,
  end: { type: 'count', count: 4 },
  ...extra,
});

function series(recurrence: Recurrence, firstStart: string, extra: Partial<Series> = {}): Series {
  return {
    rrule: toRRule(recurrence, firstStart, BERLIN),
    firstStart,
    timeZone: BERLIN,
    durationMinutes: 90,
    exceptions: [],
    ...extra,
  };
}

const starts = (s: Series) => expandSeries({ ...s, ...ALL_TIME }).map((o) => o.start.toISOString());
const keys = (s: Series) => expandSeries({ ...s, ...ALL_TIME }).map((o) => o.occurrenceKey);
const berlinWall = (date: Date) => DateTime.fromJSDate(date, { zone: BERLIN }).toFormat("yyyy-LL-dd'T'HH:mm");
const errorCode = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return 'no error';
};

describe('expandSeries across daylight-saving changes (Europe/Berlin)', () => {
  it('keeps 19:00 local over the March change, so the UTC instant moves an hour earlier', () => {
    const s = series(weekly(), '2026-03-17T19:00');
    expect(s.rrule).toBe('RRULE:FREQ=WEEKLY;BYDAY=TU;WKST=MO;COUNT=4');
    expect(starts(s)).toEqual([
      '2026-03-17T18:00:00.000Z',
      '2026-03-24T18:00:00.000Z',
      '2026-03-31T17:00:00.000Z',
      '2026-04-07T17:00:00.000Z',
    ]);
    expect(expandSeries({ ...s, ...ALL_TIME }).map((o) => berlinWall(o.start))).toEqual(keys(s));
  });

  it('keeps 19:00 local over the October change', () => {
    const s = series(weekly(), '2026-10-13T19:00');
    expect(starts(s)).toEqual([
      '2026-10-13T17:00:00.000Z',
      '2026-10-20T17:00:00.000Z',
      '2026-10-27T18:00:00.000Z',
      '2026-11-03T18:00:00.000Z',
    ]);
    const ends = expandSeries({ ...s, ...ALL_TIME }).map((o) => o.end.toISOString());
    expect(ends[2]).toBe('2026-10-27T19:30:00.000Z');
  });

  it('expands every second week, and several weekdays', () => {
    expect(keys(series(weekly({ interval: 2 }), '2026-03-24T19:00'))).toEqual([
      '2026-03-24T19:00',
      '2026-04-07T19:00',
      '2026-04-21T19:00',
      '2026-05-05T19:00',
    ]);
    const twice = series(
      weekly({ byWeekday: ['TH', 'MO'], end: { type: 'count', count: 3 } }),
      '2026-03-23T19:00',
    );
    expect(twice.rrule).toBe('RRULE:FREQ=WEEKLY;BYDAY=MO,TH;WKST=MO;COUNT=3');
    expect(keys(twice)).toEqual(['2026-03-23T19:00', '2026-03-26T19:00', '2026-03-30T19:00']);
  });
});

describe('monthly series', () => {
  const monthly = (extra: Partial<Recurrence>): Recurrence => ({
    frequency: 'monthly',
    interval: 1,
    end: { type: 'count', count: 4 },
    ...extra,
  });

  it('repeats on the same day of month; a 31st skips shorter months (RFC 5545)', () => {
    expect(keys(series(monthly({ monthlyMode: 'by_date' }), '2026-03-24T19:00'))).toEqual([
      '2026-03-24T19:00',
      '2026-04-24T19:00',
      '2026-05-24T19:00',
      '2026-06-24T19:00',
    ]);
    expect(keys(series(monthly({}), '2026-01-31T19:00'))).toEqual([
      '2026-01-31T19:00',
      '2026-03-31T19:00',
      '2026-05-31T19:00',
      '2026-07-31T19:00',
    ]);
  });

  it('repeats on the second Tuesday', () => {
    const s = series(monthly({ monthlyMode: 'by_weekday' }), '2026-03-10T19:00');
    expect(s.rrule).toBe('RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=4');
    expect(keys(s)).toEqual(['2026-03-10T19:00', '2026-04-14T19:00', '2026-05-12T19:00', '2026-06-09T19:00']);
  });

  it('repeats on the last Friday', () => {
    const s = series(monthly({ monthlyMode: 'by_weekday', monthlyPosition: -1 }), '2026-03-27T19:00');
    expect(s.rrule).toBe('RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=4');
    expect(keys(s)).toEqual(['2026-03-27T19:00', '2026-04-24T19:00', '2026-05-29T19:00', '2026-06-26T19:00']);
  });

  it('refuses a first start that is not an occurrence of the rhythm', () => {
    const lastFriday = monthly({ monthlyMode: 'by_weekday', monthlyPosition: -1 });
    expect(errorCode(() => toRRule(lastFriday, '2026-03-20T19:00', BERLIN))).toBe(
      'recurrence_start_mismatch',
    );
    expect(errorCode(() => toRRule(weekly({ byWeekday: ['WE'] }), '2026-03-24T19:00', BERLIN))).toBe(
      'recurrence_start_mismatch',
    );
  });
});

describe('series end', () => {
  it('until (inclusive, local day) and count give the same occurrences', () => {
    const byDate = series(weekly({ end: { type: 'until', date: '2026-04-14' } }), '2026-03-24T19:00');
    // 23:59:59 on 14 April in Berlin (CEST) is 21:59:59 UTC; RFC 5545 wants UNTIL in UTC with a TZID start.
    expect(byDate.rrule).toBe('RRULE:FREQ=WEEKLY;BYDAY=TU;WKST=MO;UNTIL=20260414T215959Z');
    expect(keys(byDate)).toEqual(keys(series(weekly(), '2026-03-24T19:00')));
  });

  it('caps a rule without end at MAX_OCCURRENCES and at two years', () => {
    const base = { firstStart: '2026-03-24T19:00', timeZone: BERLIN };
    expect(occurrenceKeys({ ...base, rrule: 'RRULE:FREQ=DAILY' })).toHaveLength(MAX_OCCURRENCES);
    const weeklyKeys = occurrenceKeys({ ...base, rrule: 'RRULE:FREQ=WEEKLY' });
    expect(weeklyKeys).toHaveLength(105);
    expect(weeklyKeys.at(-1)).toBe('2028-03-21T19:00');
  });

  it('refuses an until beyond two years and rules it did not write', () => {
    const tooLong = weekly({ end: { type: 'until', date: '2028-03-25' } });
    expect(errorCode(() => toRRule(tooLong, '2026-03-24T19:00', BERLIN))).toBe('recurrence_too_long');
    const base = { firstStart: '2026-03-24T19:00', timeZone: BERLIN };
    for (const rrule of [
      'RRULE:FREQ=SECONDLY',
      'RRULE:FREQ=DAILY;COUNT=201',
      'RRULE:FREQ=MONTHLY;BYDAY=TU,WE',
      'RRULE:FREQ=WEEKLY;BYSETPOS=1',
      'RRULE:FREQ=DAILY;COUNT=2;UNTIL=20260401T000000Z',
      'RRULE:FREQ=DAILY\r\nATTENDEE:mailto:x@example.org',
    ]) {
      expect(
        errorCode(() => occurrenceKeys({ ...base, rrule })),
        rrule,
      ).toBe('invalid_rrule');
    }
  });
});

describe('exceptions', () => {
  const s = series(weekly(), '2026-03-24T19:00', {
    exceptions: [
      { occurrenceKey: '2026-03-31T19:00', kind: 'cancelled' },
      {
        occurrenceKey: '2026-04-07T19:00',
        kind: 'moved',
        start: '2026-03-26T16:00:00Z',
        durationMinutes: 60,
      },
    ],
  });

  it('keeps the original key for cancelled and moved occurrences, sorted by effective start', () => {
    const occurrences = expandSeries({ ...s, ...ALL_TIME });
    expect(
      occurrences.map((o) => [o.occurrenceKey, o.status, o.start.toISOString(), o.end.toISOString()]),
    ).toEqual([
      ['2026-03-24T19:00', 'scheduled', '2026-03-24T18:00:00.000Z', '2026-03-24T19:30:00.000Z'],
      ['2026-04-07T19:00', 'moved', '2026-03-26T16:00:00.000Z', '2026-03-26T17:00:00.000Z'],
      ['2026-03-31T19:00', 'cancelled', '2026-03-31T17:00:00.000Z', '2026-03-31T18:30:00.000Z'],
      ['2026-04-14T19:00', 'scheduled', '2026-04-14T17:00:00.000Z', '2026-04-14T18:30:00.000Z'],
    ]);
  });

  it('windows by the effective time: a moved occurrence appears where it went', () => {
    const window = { from: new Date('2026-03-25T00:00:00Z'), to: new Date('2026-03-27T00:00:00Z') };
    expect(expandSeries({ ...s, ...window }).map((o) => o.occurrenceKey)).toEqual(['2026-04-07T19:00']);
    const overlap = { from: new Date('2026-03-24T19:00:00Z'), to: new Date('2026-03-24T19:00:01Z') };
    expect(expandSeries({ ...s, ...overlap }).map((o) => o.occurrenceKey)).toEqual(['2026-03-24T19:00']);
  });
});

describe('splitSeries ("this and following")', () => {
  const original = series(weekly({ end: { type: 'count', count: 10 } }), '2026-03-24T19:00', {
    exceptions: [
      { occurrenceKey: '2026-03-31T19:00', kind: 'cancelled' },
      { occurrenceKey: '2026-04-21T19:00', kind: 'cancelled' },
      {
        occurrenceKey: '2026-05-05T19:00',
        kind: 'moved',
        start: '2026-05-06T16:00:00Z',
        durationMinutes: 90,
      },
    ],
  });

  it('ends the old rule before the split and moves later exceptions, re-keyed to the new time', () => {
    const { before, after, droppedExceptions } = splitSeries(original, '2026-04-07T19:00', {
      firstStart: '2026-04-07T18:30',
    });
    expect(before?.rrule).toBe('RRULE:FREQ=WEEKLY;BYDAY=TU;WKST=MO;UNTIL=20260331T170000Z');
    expect(keys(before!)).toEqual(['2026-03-24T19:00', '2026-03-31T19:00']);
    expect(before?.exceptions).toEqual([{ occurrenceKey: '2026-03-31T19:00', kind: 'cancelled' }]);
    expect(after.rrule).toBe('RRULE:FREQ=WEEKLY;BYDAY=TU;WKST=MO;COUNT=8');
    expect(keys(after)).toHaveLength(8);
    expect(keys(after)[0]).toBe('2026-04-07T18:30');
    expect(after.exceptions).toEqual([
      { occurrenceKey: '2026-04-21T18:30', kind: 'cancelled' },
      {
        occurrenceKey: '2026-05-05T18:30',
        kind: 'moved',
        start: '2026-05-06T16:00:00Z',
        durationMinutes: 90,
      },
    ]);
    expect(droppedExceptions).toEqual([]);
  });

  it('takes a new rhythm and reports exceptions it cannot place', () => {
    const rrule = toRRule(
      weekly({ interval: 2, end: { type: 'count', count: 4 } }),
      '2026-04-07T19:00',
      BERLIN,
    );
    const { after, droppedExceptions } = splitSeries(original, '2026-04-07T19:00', {
      rrule,
      durationMinutes: 60,
    });
    expect(keys(after)).toEqual([
      '2026-04-07T19:00',
      '2026-04-21T19:00',
      '2026-05-05T19:00',
      '2026-05-19T19:00',
    ]);
    expect(after.durationMinutes).toBe(60);
    expect(after.exceptions.map((e) => e.occurrenceKey)).toEqual(['2026-04-21T19:00', '2026-05-05T19:00']);
    expect(droppedExceptions).toEqual([]);
    const monthly = toRRule(
      { ...weekly(), frequency: 'monthly', byWeekday: undefined },
      '2026-04-07T19:00',
      BERLIN,
    );
    expect(splitSeries(original, '2026-04-07T19:00', { rrule: monthly }).droppedExceptions).toHaveLength(2);
  });

  it('returns no old series at the first occurrence, and refuses unknown keys or unsynchronised starts', () => {
    expect(splitSeries(original, '2026-03-24T19:00', {}).before).toBeNull();
    expect(errorCode(() => splitSeries(original, '2026-04-08T19:00', {}))).toBe('occurrence_not_found');
    const wednesday = { firstStart: '2026-04-08T19:00' };
    expect(errorCode(() => splitSeries(original, '2026-04-07T19:00', wednesday))).toBe(
      'recurrence_start_mismatch',
    );
  });
});

describe('describeRecurrence', () => {
  const cases: [Recurrence, string, string, string][] = [
    [
      { frequency: 'monthly', interval: 1, monthlyMode: 'by_weekday', end: { type: 'count', count: 10 } },
      '2026-03-10T19:00',
      'Jeden 2. Dienstag im Monat, 19:00 Uhr, 10 Termine',
      'Every second Tuesday of the month, 7:00 pm, 10 times',
    ],
    [
      {
        frequency: 'monthly',
        interval: 1,
        monthlyMode: 'by_weekday',
        monthlyPosition: -1,
        end: { type: 'count', count: 1 },
      },
      '2026-03-27T09:30',
      'Jeden letzten Freitag im Monat, 09:30 Uhr, 1 Termin',
      'Every last Friday of the month, 9:30 am, once',
    ],
    [
      weekly({ interval: 2, end: { type: 'until', date: '2026-12-31' } }),
      '2026-03-24T19:00',
      'Alle 2 Wochen am Dienstag, 19:00 Uhr, bis 31.12.2026',
      'Every 2 weeks on Tuesday, 7:00 pm, until 31 December 2026',
    ],
    [
      weekly({ byWeekday: ['MO', 'WE', 'FR'] }),
      '2026-03-23T12:00',
      'Jeden Montag, Mittwoch und Freitag, 12:00 Uhr, 4 Termine',
      'Every Monday, Wednesday and Friday, 12:00 pm, 4 times',
    ],
    [
      { frequency: 'monthly', interval: 3, end: { type: 'count', count: 4 } },
      '2026-03-22T00:15',
      'Alle 3 Monate am 22., 00:15 Uhr, 4 Termine',
      'Every 3 months on the 22nd, 12:15 am, 4 times',
    ],
    [
      { frequency: 'daily', interval: 1, end: { type: 'count', count: 4 } },
      '2026-03-23T18:00',
      'Täglich, 18:00 Uhr, 4 Termine',
      'Every day, 6:00 pm, 4 times',
    ],
  ];
  it.each(cases)('describes %j', (recurrence, firstStart, de, en) => {
    expect(describeRecurrence(recurrence, 'de', firstStart)).toBe(de);
    expect(describeRecurrence(recurrence, 'en', firstStart)).toBe(en);
  });
});

describe('property: weekly rules in Europe/Berlin keep their wall time', () => {
  // Hour 2 is left out: on the spring-forward Sunday 02:xx does not exist in Berlin and moves to 03:xx.
  const arbitrary = fc.record({
    date: fc.date({
      min: new Date('2025-01-01T00:00:00Z'),
      max: new Date('2028-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    hour: fc.integer({ min: 0, max: 23 }).filter((hour) => hour !== 2),
    minute: fc.constantFrom(0, 15, 30, 45),
    interval: fc.integer({ min: 1, max: 4 }),
    extraDays: fc.subarray([...WEEKDAYS]),
    count: fc.integer({ min: 1, max: 120 }),
  });

  it('every occurrence starts at the series wall time, on one of its weekdays', () => {
    fc.assert(
      fc.property(arbitrary, ({ date, hour, minute, interval, extraDays, count }) => {
        const day = DateTime.fromJSDate(date, { zone: 'utc' }).set({ hour, minute });
        const firstStart = day.toFormat("yyyy-LL-dd'T'HH:mm");
        const ownDay = WEEKDAYS[day.weekday - 1]!;
        const byWeekday = [...new Set([ownDay, ...extraDays])];
        const s = series(weekly({ interval, byWeekday, end: { type: 'count', count } }), firstStart);
        const occurrences = expandSeries({ ...s, ...ALL_TIME });
        expect(occurrences.length).toBeGreaterThan(0);
        expect(occurrences.length).toBeLessThanOrEqual(count);
        expect(occurrences[0]?.occurrenceKey).toBe(firstStart);
        for (const occurrence of occurrences) {
          const local = DateTime.fromJSDate(occurrence.start, { zone: BERLIN });
          expect(local.toFormat("yyyy-LL-dd'T'HH:mm")).toBe(occurrence.occurrenceKey);
          expect(local.toFormat('HH:mm')).toBe(day.toFormat('HH:mm'));
          expect(byWeekday).toContain(WEEKDAYS[local.weekday - 1]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
