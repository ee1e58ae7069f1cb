import { useMeetingsText } from './i18n/meetings-i18n';
import type { Recurrence } from './meetings-types';
import { weekdayName } from './RhythmFields';
import { dayOfMonth, monthlyPositionOf, weekdayOf } from './time-fns';

/** A rule in words: "Jede Woche am Dienstag, 10 Termine", "Monatlich am zweiten Dienstag, bis 24.12.2026". */
export function useRhythmText() {
  const { t, language } = useMeetingsText();
  return (recurrence: Recurrence, firstStart: string): string => {
    const date = firstStart.slice(0, 10);
    const list = new Intl.ListFormat(language, { type: 'conjunction' });
    const days = list.format(
      (recurrence.byWeekday ?? [weekdayOf(date)]).map((day) => weekdayName(day, language)),
    );
    const position = recurrence.monthlyPosition ?? monthlyPositionOf(date);
    const rhythm =
      recurrence.frequency === 'daily'
        ? t('rhythm.daily')
        : recurrence.frequency === 'weekly'
          ? recurrence.interval === 1
            ? t('rhythm.weekly', { days })
            : t('rhythm.everyNWeeks', { count: recurrence.interval, days })
          : recurrence.monthlyMode === 'by_weekday'
            ? t('rhythm.monthlyByWeekday', {
                position: t(
                  `form.positions.${position === -1 ? 'last' : String(position)}` as 'form.positions.1',
                ),
                weekday: weekdayName(weekdayOf(date), language),
              })
            : t('rhythm.monthlyByDate', { day: dayOfMonth(date) });
    const end =
      recurrence.end.type === 'count'
        ? t('rhythm.count', { count: recurrence.end.count })
        : t('rhythm.until', {
            date: new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
              new Date(`${recurrence.end.date}T12:00:00Z`),
            ),
          });
    return `${rhythm}, ${end}`;
  };
}
