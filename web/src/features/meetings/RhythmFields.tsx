import { CheckboxGroup, RadioGroup } from '../../ui/form/choices';
import { TextField } from '../../ui/form/fields';
import { useMeetingsText } from './i18n/meetings-i18n';
import { monthlyLabels, type MeetingFormValues, type Repeat } from './meeting-form-fns';
import type { Weekday } from './meetings-types';
import { WEEKDAYS } from './time-fns';

/** A weekday's name in the reader's language (1 January 2024 was a Monday). */
export function weekdayName(day: Weekday, language: string, width: 'long' | 'short' = 'long'): string {
  const date = new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(day)));
  return new Intl.DateTimeFormat(language, { weekday: width, timeZone: 'UTC' }).format(date);
}

/**
 * How often and until when: once, daily, weekly (on which days), every N weeks, monthly by date or by weekday
 * ("second Tuesday"), until a date or a number of dates.
 */
export function RhythmFields({
  values,
  set,
  errorFor,
  allowNone = true,
}: {
  values: MeetingFormValues;
  set: (patch: Partial<MeetingFormValues>) => void;
  errorFor: (field: string) => string | undefined;
  /** False for "this and following": a series stays a series. */
  allowNone?: boolean;
}) {
  const { t, language } = useMeetingsText();
  const monthly = monthlyLabels(values.date);
  const repeats: Repeat[] = allowNone
    ? ['none', 'daily', 'weekly', 'everyNWeeks', 'monthly']
    : ['daily', 'weekly', 'everyNWeeks', 'monthly'];
  const weekly = values.repeat === 'weekly' || values.repeat === 'everyNWeeks';
  return (
    <>
      <RadioGroup<Repeat>
        id="meeting-repeat"
        name="meeting-repeat"
        legend={t('form.repeat')}
        options={repeats.map((repeat) => ({ value: repeat, label: t(`form.repeats.${repeat}`) }))}
        value={values.repeat}
        onChange={(repeat) => set({ repeat })}
        error={errorFor('meeting-repeat')}
      />
      {values.repeat === 'everyNWeeks' && (
        <TextField
          id="meeting-interval"
          label={t('form.interval')}
          hint={t('form.intervalHint')}
          inputMode="numeric"
          className="field-short"
          value={values.intervalWeeks}
          onChange={(event) => set({ intervalWeeks: event.target.value })}
          error={errorFor('meeting-interval')}
        />
      )}
      {weekly && (
        <CheckboxGroup<Weekday>
          id="meeting-weekdays"
          legend={t('form.weekdays')}
          hint={t('form.weekdaysHint')}
          options={WEEKDAYS.map((day) => ({ value: day, label: weekdayName(day, language) }))}
          values={values.weekdays}
          onChange={(weekdays) => set({ weekdays })}
          error={errorFor('meeting-weekdays')}
        />
      )}
      {values.repeat === 'monthly' && (
        <RadioGroup<'by_date' | 'by_weekday'>
          id="meeting-monthly"
          name="meeting-monthly"
          legend={t('form.monthly')}
          options={[
            { value: 'by_date', label: t('form.monthlyByDate', { day: monthly.day }) },
            {
              value: 'by_weekday',
              label: t('form.monthlyByWeekday', {
                position: t(
                  `form.positions.${monthly.position === -1 ? 'last' : String(monthly.position)}` as 'form.positions.1',
                ),
                weekday: weekdayName(monthly.weekday, language),
              }),
            },
          ]}
          value={values.monthlyMode}
          onChange={(monthlyMode) => set({ monthlyMode })}
        />
      )}
      {values.repeat !== 'none' && (
        <>
          <RadioGroup<'until' | 'count'>
            id="meeting-end"
            name="meeting-end"
            legend={t('form.end')}
            hint={t('form.endHint')}
            options={[
              { value: 'count', label: t('form.endCount') },
              { value: 'until', label: t('form.endUntil') },
            ]}
            value={values.endType}
            onChange={(endType) => set({ endType })}
          />
          {values.endType === 'count' ? (
            <TextField
              id="meeting-count"
              label={t('form.count')}
              inputMode="numeric"
              className="field-short"
              value={values.count}
              onChange={(event) => set({ count: event.target.value })}
              error={errorFor('meeting-count')}
            />
          ) : (
            <TextField
              id="meeting-until"
              type="date"
              label={t('form.until')}
              className="field-short"
              value={values.untilDate}
              onChange={(event) => set({ untilDate: event.target.value })}
              error={errorFor('meeting-until')}
            />
          )}
        </>
      )}
    </>
  );
}
