import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toRRule } from './recurrence-fns.js';
import type { Recurrence } from './recurrence-schemas.js';
import {
  exceptionsOf,
  expandSchedule,
  planRekey,
  recurrenceFromRRule,
  shiftKey,
  wallShiftMs,
  type OccurrenceSpec,
} from './schedule-fns.js';

// Instants are compared as ISO strings, so the suite means the same under any process TZ.
const zone = 'Europe/Berlin';
const weekly = toRRule(
  { frequency: 'weekly', interval: 1, end: { type: 'count', count: 4 } },
  '2030-03-19T19:00',
  zone,
);

describe('expandSchedule', () => {
  it('expands a single date to one occurrence keyed by its wall time', () => {
    const [only] = expandSchedule({ rrule: null, firstStart: '2030-10-27T02:30', durationMinutes: 60 }, zone);
    expect(only).toMatchObject({ occurrenceKey: '2030-10-27T02:30', status: 'scheduled' });
    expect(only?.end.getTime()).toBe((only?.start.getTime() ?? 0) + 3_600_000);
  });

  it('keeps the wall time across the DST change and applies exceptions read back from stored rows', () => {
    const plain = expandSchedule(
      { rrule: weekly, firstStart: '2030-03-19T19:00', durationMinutes: 90 },
      zone,
    );
    expect(plain.map((o) => o.start.toISOString())).toEqual([
      '2030-03-19T18:00:00.000Z',
      '2030-03-26T18:00:00.000Z',
      '2030-04-02T17:00:00.000Z',
      '2030-04-09T17:00:00.000Z',
    ]);
    const stored: OccurrenceSpec[] = plain.map((o, i) =>
      i === 1
        ? { ...o, status: 'cancelled' }
        : i === 2
          ? {
              ...o,
              status: 'moved',
              start: new Date('2030-04-03T08:00:00Z'),
              end: new Date('2030-04-03T09:00:00Z'),
            }
          : o,
    );
    const exceptions = exceptionsOf(stored);
    expect(exceptions).toEqual([
      { occurrenceKey: '2030-03-26T19:00', kind: 'cancelled' },
      {
        occurrenceKey: '2030-04-02T19:00',
        kind: 'moved',
        start: '2030-04-03T08:00:00.000Z',
        durationMinutes: 60,
      },
    ]);
    const again = expandSchedule(
      { rrule: weekly, firstStart: '2030-03-19T19:00', durationMinutes: 90 },
      zone,
      exceptions,
    );
    expect(again.map((o) => [o.occurrenceKey, o.status, o.start.toISOString()])).toEqual(
      stored.map((o) => [o.occurrenceKey, o.status, o.start.toISOString()]),
    );
  });
});

describe('shiftKey / wallShiftMs', () => {
  it('moves wall times by wall-clock distance, whatever DST does in between', () => {
    const shift = wallShiftMs('2030-03-26T19:00', '2030-03-26T18:00');
    expect(shift).toBe(-3_600_000);
    expect(shiftKey('2030-04-02T19:00', shift)).toBe('2030-04-02T18:00');
    expect(shiftKey('2030-03-31T23:30', 3_600_000)).toBe('2030-04-01T00:30');
  });
});

describe('planRekey', () => {
  it('keeps ids of rows whose shifted key is still an occurrence, deletes the others and inserts new ones', () => {
    const at = (key: string): OccurrenceSpec => ({
      occurrenceKey: key,
      start: new Date(`${key}:00Z`),
      end: new Date(`${key}:00Z`),
      status: 'scheduled',
    });
    const old = [
      { id: 'a', ...at('2030-04-09T19:00') },
      { id: 'b', ...at('2030-04-16T19:00') },
      { id: 'c', ...at('2030-04-23T19:00') },
    ];
    const next = [at('2030-04-09T18:00'), at('2030-04-23T18:00'), at('2030-04-30T18:00')];
    const plan = planRekey(old, next, -3_600_000);
    expect(plan.update.map((u) => [u.id, u.occurrenceKey])).toEqual([
      ['a', '2030-04-09T18:00'],
      ['c', '2030-04-23T18:00'],
    ]);
    expect(plan.delete).toEqual(['b']);
    expect(plan.insert.map((o) => o.occurrenceKey)).toEqual(['2030-04-30T18:00']);
  });
});

describe('recurrenceFromRRule', () => {
  const recurrence = fc.oneof(
    fc.record({ frequency: fc.constant('daily' as const), interval: fc.integer({ min: 1, max: 5 }) }),
    fc.record({
      frequency: fc.constant('weekly' as const),
      interval: fc.integer({ min: 1, max: 4 }),
      byWeekday: fc.constant(['TU', 'TH'] as Array<'TU' | 'TH'>),
    }),
    fc.record({
      frequency: fc.constant('monthly' as const),
      interval: fc.integer({ min: 1, max: 3 }),
      monthlyMode: fc.constantFrom('by_date' as const, 'by_weekday' as const),
    }),
  );
  const end = fc.oneof(
    fc.record({ type: fc.constant('count' as const), count: fc.integer({ min: 1, max: 50 }) }),
    fc.record({ type: fc.constant('until' as const), date: fc.constantFrom('2030-06-30', '2031-01-05') }),
  );

  it('gives back a rhythm that produces the same rule (round trip through toRRule)', () => {
    fc.assert(
      fc.property(recurrence, end, (shape, ending) => {
        const input = { ...shape, end: ending } as Recurrence;
        const rrule = toRRule(input, '2030-03-19T19:00', zone);
        expect(toRRule(recurrenceFromRRule(rrule, zone), '2030-03-19T19:00', zone)).toBe(rrule);
      }),
    );
  });

  it('reads an UNTIL written by "this and following" as the last day in the series zone', () => {
    expect(recurrenceFromRRule('RRULE:FREQ=WEEKLY;BYDAY=TU;WKST=MO;UNTIL=20300402T170000Z', zone)).toEqual({
      frequency: 'weekly',
      interval: 1,
      byWeekday: ['TU'],
      end: { type: 'until', date: '2030-04-02' },
    });
  });
});
