import { describe, expect, it } from 'vitest';
import { addMonths, formatSpan, monthlyPositionOf, wallTimeOf, weekdayOf } from './time-fns';

describe('time-fns', () => {
  it('knows the weekday of a date whatever the machine zone', () => {
    expect(weekdayOf('2026-03-24')).toBe('TU');
    expect(weekdayOf('2026-03-29')).toBe('SU');
    expect(weekdayOf('2026-03-30')).toBe('MO');
  });

  it('names the weekday position of a date, a fifth one as the last', () => {
    expect(monthlyPositionOf('2026-03-10')).toBe(2);
    expect(monthlyPositionOf('2026-03-28')).toBe(4);
    expect(monthlyPositionOf('2026-03-31')).toBe(-1);
  });

  it('adds months without running past the end of a month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });

  it('reads the wall time of an instant in a zone across daylight saving', () => {
    expect(wallTimeOf('2026-03-24T18:00:00Z', 'Europe/Berlin')).toEqual({
      date: '2026-03-24',
      time: '19:00',
    });
    expect(wallTimeOf('2026-03-31T17:00:00Z', 'Europe/Berlin')).toEqual({
      date: '2026-03-31',
      time: '19:00',
    });
    expect(wallTimeOf('2026-03-31T22:30:00Z', 'Europe/Berlin')).toEqual({
      date: '2026-04-01',
      time: '00:30',
    });
  });

  it('writes a date with its time span in the given zone', () => {
    const text = formatSpan('2026-03-24T18:00:00Z', '2026-03-24T19:30:00Z', 'de', 'Europe/Berlin');
    expect(text).toContain('24. März 2026');
    expect(text).toContain('19:00–20:30');
    expect(formatSpan('2026-03-24T18:00:00Z', '2026-03-24T19:30:00Z', 'en', 'America/New_York')).toContain(
      '02:00',
    );
  });
});
