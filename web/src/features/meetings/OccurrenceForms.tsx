import { useState } from 'react';
import { SelectField } from '../../ui/form/choices';
import { TextField } from '../../ui/form/fields';
import { FormShell, useSubmit } from './form-shell';
import { useMeetingsText } from './i18n/meetings-i18n';
import {
  DURATIONS,
  formProblems,
  meetingValues,
  recurrenceOf,
  recurrenceValues,
  type MeetingFormValues,
} from './meeting-form-fns';
import { durationLabel, meetingErrorField } from './MeetingForm';
import { meetingsApi } from './meetings-api';
import type { Meeting, Occurrence } from './meetings-types';
import { RhythmFields } from './RhythmFields';
import { wallTimeOf, weekdayOf } from './time-fns';

function minutesBetween(occurrence: Occurrence): number {
  return Math.round((Date.parse(occurrence.end) - Date.parse(occurrence.start)) / 60_000);
}

/** Date, time and length of one date, in the meeting's zone. */
function DateFields({
  values,
  set,
  errorFor,
}: {
  values: MeetingFormValues;
  set: (patch: Partial<MeetingFormValues>) => void;
  errorFor: (field: string) => string | undefined;
}) {
  const { t } = useMeetingsText();
  return (
    <>
      <div className="field-pair">
        <TextField
          id="meeting-date"
          type="date"
          label={t('form.date')}
          value={values.date}
          onChange={(event) => {
            const date = event.target.value;
            const follows = values.weekdays.length === 1 && values.weekdays[0] === weekdayOf(values.date);
            set(
              follows && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { date, weekdays: [weekdayOf(date)] } : { date },
            );
          }}
          error={errorFor('meeting-date')}
        />
        <TextField
          id="meeting-time"
          type="time"
          label={t('form.time')}
          value={values.time}
          onChange={(event) => set({ time: event.target.value })}
          error={errorFor('meeting-time')}
        />
      </div>
      <p className="field-hint">{t('occurrences.zoneHint', { zone: values.timeZone })}</p>
      <SelectField
        id="meeting-duration"
        label={t('form.duration')}
        options={[...new Set<number>([...DURATIONS, values.durationMinutes])]
          .sort((a, b) => a - b)
          .map((minutes) => ({ value: String(minutes), label: durationLabel(minutes, t) }))}
        value={String(values.durationMinutes)}
        onChange={(minutes) => set({ durationMinutes: Number(minutes) })}
      />
    </>
  );
}

/** Move one date of a series; invitees get an update for that date only. */
export function MoveForm({
  meeting,
  occurrence,
  onDone,
  onClose,
}: {
  meeting: Meeting;
  occurrence: Occurrence;
  onDone: (meeting: Meeting) => void;
  onClose: () => void;
}) {
  const { t } = useMeetingsText();
  const wall = wallTimeOf(occurrence.start, meeting.timeZone);
  const [values, setValues] = useState<MeetingFormValues>(() => ({
    ...meetingValues(meeting),
    ...wall,
    durationMinutes: minutesBetween(occurrence),
  }));
  const set = (patch: Partial<MeetingFormValues>) => setValues((current) => ({ ...current, ...patch }));
  const state = useSubmit<Meeting>(meetingErrorField);
  const submit = () =>
    state.submit(
      formProblems(values, { rhythm: false, dates: true }).map((problem) => ({
        field: problem.field,
        message: t(`form.errors.${problem.key}` as 'form.errors.titleEmpty'),
      })),
      () =>
        meetingsApi.moveOccurrence(meeting.id, occurrence.id, {
          start: `${values.date}T${values.time}`,
          durationMinutes: values.durationMinutes,
        }),
      onDone,
    );
  return (
    <div className="inline-form">
      <h3 id={`move-${occurrence.id}`}>{t('occurrences.moveHeading')}</h3>
      <FormShell
        state={state}
        onSubmit={submit}
        submitLabel={t('occurrences.moveSubmit')}
        busyLabel={t('form.saving')}
        labelledBy={`move-${occurrence.id}`}
        actions={
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('form.back')}
          </button>
        }
      >
        <DateFields values={values} set={set} errorFor={state.errorFor} />
      </FormShell>
    </div>
  );
}

/**
 * "This and following": a new time, length or rhythm from this date on. Earlier dates stay as they were; invitees
 * get one update.
 */
export function SplitForm({
  meeting,
  occurrence,
  remaining,
  onDone,
  onClose,
}: {
  meeting: Meeting;
  occurrence: Occurrence;
  /** Dates from this one to the end, for "N times" from here. */
  remaining: number;
  onDone: (meeting: Meeting) => void;
  onClose: () => void;
}) {
  const { t } = useMeetingsText();
  const [values, setValues] = useState<MeetingFormValues>(() => {
    const base = meetingValues(meeting);
    const wall = wallTimeOf(occurrence.start, meeting.timeZone);
    const schedule = meeting.schedules.at(-1);
    const rhythm = schedule?.recurrence ? recurrenceValues(schedule.recurrence, wall.date) : {};
    return {
      ...base,
      ...rhythm,
      ...wall,
      durationMinutes: minutesBetween(occurrence),
      count: schedule?.recurrence?.end.type === 'count' ? String(Math.max(remaining, 1)) : base.count,
    };
  });
  const set = (patch: Partial<MeetingFormValues>) => setValues((current) => ({ ...current, ...patch }));
  const state = useSubmit<Meeting>(meetingErrorField);
  const submit = () =>
    state.submit(
      formProblems(values, { rhythm: true, dates: true }).map((problem) => ({
        field: problem.field,
        message: t(`form.errors.${problem.key}` as 'form.errors.titleEmpty'),
      })),
      () =>
        meetingsApi.thisAndFollowing(meeting.id, occurrence.id, {
          firstStart: `${values.date}T${values.time}`,
          durationMinutes: values.durationMinutes,
          recurrence: recurrenceOf(values),
        }),
      onDone,
    );
  return (
    <div className="inline-form">
      <h3 id={`split-${occurrence.id}`}>{t('occurrences.splitHeading')}</h3>
      <p>{t('occurrences.splitIntro')}</p>
      <FormShell
        state={state}
        onSubmit={submit}
        submitLabel={t('occurrences.splitSubmit')}
        busyLabel={t('form.saving')}
        labelledBy={`split-${occurrence.id}`}
        actions={
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('form.back')}
          </button>
        }
      >
        <DateFields values={values} set={set} errorFor={state.errorFor} />
        <RhythmFields values={values} set={set} errorFor={state.errorFor} allowNone={false} />
      </FormShell>
    </div>
  );
}
