import { describe, expect, it } from 'vitest';
import {
  recurrenceSchema,
  rruleSchema,
  seriesDefinitionSchema,
  seriesExceptionSchema,
  timeZoneSchema,
} from './recurrence-schemas.js';

const weekly = { frequency: 'weekly', interval: 2, byWeekday: ['TU'], end: { type: 'count', count: 10 } };

describe('recurrenceSchema', () => {
  it('accepts the shapes the UI sends', () => {
    expect(recurrenceSchema.safeParse(weekly).success).toBe(true);
    const lastFriday = {
      frequency: 'monthly',
      interval: 1,
      monthlyMode: 'by_weekday',
      monthlyPosition: -1,
      end: { type: 'until', date: '2026-12-31' },
    };
    expect(recurrenceSchema.safeParse(lastFriday).success).toBe(true);
  });

  it.each([
    ['interval 0', { ...weekly, interval: 0 }],
    ['interval 53', { ...weekly, interval: 53 }],
    ['count 201', { ...weekly, end: { type: 'count', count: 201 } }],
    ['a non-date until', { ...weekly, end: { type: 'until', date: '2026-02-30' } }],
    ['duplicate weekdays', { ...weekly, byWeekday: ['TU', 'TU'] }],
    ['weekdays on a monthly rule', { ...weekly, frequency: 'monthly' }],
    ['a monthly mode on a weekly rule', { ...weekly, monthlyMode: 'by_date' }],
    ['a position without by_weekday', { ...weekly, byWeekday: undefined, monthlyPosition: 2 }],
    [
      'position 5',
      { frequency: 'monthly', interval: 1, monthlyMode: 'by_weekday', monthlyPosition: 5, end: weekly.end },
    ],
    ['an unknown weekday', { ...weekly, byWeekday: ['XX'] }],
  ])('rejects %s', (_name, input) => {
    expect(recurrenceSchema.safeParse(input).success).toBe(false);
  });
});

describe('seriesDefinitionSchema', () => {
  const definition = {
    recurrence: weekly,
    firstStart: '2026-03-24T19:00',
    timeZone: 'Europe/Berlin',
    durationMinutes: 90,
  };

  it('bounds until to two years after the first start, and not before it', () => {
    expect(seriesDefinitionSchema.safeParse(definition).success).toBe(true);
    const until = (date: string) => ({
      ...definition,
      recurrence: { ...weekly, end: { type: 'until', date } },
    });
    expect(seriesDefinitionSchema.safeParse(until('2028-03-24')).success).toBe(true);
    expect(seriesDefinitionSchema.safeParse(until('2028-03-25')).success).toBe(false);
    expect(seriesDefinitionSchema.safeParse(until('2026-03-23')).success).toBe(false);
  });

  it('rejects bad wall times, zones and durations', () => {
    expect(seriesDefinitionSchema.safeParse({ ...definition, firstStart: '2026-03-24T25:00' }).success).toBe(
      false,
    );
    expect(seriesDefinitionSchema.safeParse({ ...definition, firstStart: '2026-03-24T19:00Z' }).success).toBe(
      false,
    );
    expect(seriesDefinitionSchema.safeParse({ ...definition, durationMinutes: 0 }).success).toBe(false);
    expect(timeZoneSchema.safeParse('Europe/Berlin').success).toBe(true);
    expect(timeZoneSchema.safeParse('Mars/Olympus').success).toBe(false);
    expect(timeZoneSchema.safeParse('+02:00').success).toBe(false);
  });
});

describe('stored parts', () => {
  it('accepts exceptions with an instant, and only rules toRRule writes', () => {
    const moved = {
      occurrenceKey: '2026-03-31T19:00',
      kind: 'moved',
      start: '2026-04-01T17:00:00Z',
      durationMinutes: 60,
    };
    expect(seriesExceptionSchema.safeParse(moved).success).toBe(true);
    expect(seriesExceptionSchema.safeParse({ ...moved, start: '2026-04-01T17:00' }).success).toBe(false);
    expect(rruleSchema.safeParse('RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=4').success).toBe(true);
    expect(rruleSchema.safeParse('RRULE:FREQ=HOURLY').success).toBe(false);
  });
});
