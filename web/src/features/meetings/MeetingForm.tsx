import type { ReactNode } from 'react';
import type { ApiError } from '../../core/api-client';
import { CheckboxGroup, SelectField } from '../../ui/form/choices';
import { TextArea, TextField } from '../../ui/form/fields';
import { useMeetingsText } from './i18n/meetings-i18n';
import { DURATIONS, fieldOfServerError, formProblems, type MeetingFormValues } from './meeting-form-fns';
import { FormShell, type FormView } from './form-shell';
import { RhythmFields } from './RhythmFields';
import { SettingsFields } from './SettingsFields';
import { weekdayOf, timeZoneOptions } from './time-fns';

export type FormMode = 'new' | 'editSingle' | 'editSeries';

/** The server error's field, for useSubmit. */
export const meetingErrorField = (error: ApiError) => fieldOfServerError(error.code, error.fields);

/** The problems to fix before sending, in the reader's words. */
export function useMeetingProblems() {
  const { t } = useMeetingsText();
  return (values: MeetingFormValues, mode: FormMode) =>
    formProblems(values, { rhythm: mode === 'new', dates: mode !== 'editSeries' }).map((problem) => ({
      field: problem.field,
      message: t(`form.errors.${problem.key}` as 'form.errors.titleEmpty'),
    }));
}

/**
 * The meeting's fields: what, who, when (and how often, for a new meeting), and the settings. A series' dates are
 * changed in its list of dates ("this and following"), so editing a series leaves them out.
 */
export function MeetingForm({
  mode,
  values,
  set,
  state,
  onSubmit,
  organisations,
  hosts,
  coHostCandidates,
  actions,
}: {
  mode: FormMode;
  values: MeetingFormValues;
  set: (patch: Partial<MeetingFormValues>) => void;
  state: FormView;
  onSubmit: () => void;
  /** Shown as a choice when there is more than one. */
  organisations: Array<{ id: string; name: string }>;
  /** Admins choose the host; undefined for hosts (they plan for themselves). */
  hosts: Array<{ id: string; name: string }> | undefined;
  /** Other hosts of the organisation, who may be co-hosts; the choice is left out when there are none. */
  coHostCandidates: Array<{ id: string; name: string }>;
  actions?: ReactNode;
}) {
  const { t } = useMeetingsText();
  const { errorFor } = state;
  const setDate = (date: string) => {
    // A weekly rhythm on "the start's weekday" follows the start.
    const old = weekdayOf(values.date);
    const follows = values.weekdays.length === 1 && values.weekdays[0] === old;
    set(follows && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { date, weekdays: [weekdayOf(date)] } : { date });
  };
  return (
    <FormShell
      state={state}
      onSubmit={onSubmit}
      submitLabel={mode === 'new' ? t('form.create') : t('form.save')}
      busyLabel={t('form.saving')}
      actions={actions}
    >
      <h2 className="form-section-title">{t('form.whatHeading')}</h2>
      <TextField
        id="meeting-title"
        label={t('form.title')}
        hint={t('form.titleHint')}
        maxLength={200}
        value={values.title}
        onChange={(event) => set({ title: event.target.value })}
        error={errorFor('meeting-title')}
      />
      <TextArea
        id="meeting-description"
        label={t('form.description')}
        hint={t('form.descriptionHint')}
        optional
        maxLength={4000}
        value={values.description}
        onChange={(event) => set({ description: event.target.value })}
        error={errorFor('meeting-description')}
      />
      {mode === 'new' && organisations.length > 1 && (
        <SelectField
          id="meeting-organisation"
          label={t('form.organisation')}
          options={organisations.map((organisation) => ({
            value: organisation.id,
            label: organisation.name,
          }))}
          value={values.organisationId}
          onChange={(organisationId) => set({ organisationId, hostUserId: '' })}
        />
      )}
      {hosts !== undefined && (
        <SelectField
          id="meeting-host"
          label={t('form.host')}
          hint={hosts.length === 0 ? t('form.noHosts') : t('form.hostHint')}
          options={hosts.map((host) => ({ value: host.id, label: host.name }))}
          value={values.hostUserId}
          onChange={(hostUserId) => set({ hostUserId })}
        />
      )}
      {errorFor('meeting-host') !== undefined && (
        <p id="meeting-host-error" className="field-error">
          {errorFor('meeting-host')}
        </p>
      )}
      {coHostCandidates.length > 0 && (
        <CheckboxGroup
          id="meeting-cohosts"
          legend={t('form.coHosts')}
          hint={t('form.coHostsHint')}
          options={coHostCandidates.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
          values={values.coHostIds.filter((id) => coHostCandidates.some((candidate) => candidate.id === id))}
          onChange={(coHostIds) => set({ coHostIds })}
        />
      )}

      <h2 className="form-section-title">{t('form.whenHeading')}</h2>
      {mode === 'editSeries' ? (
        <p className="help-box">{t('form.seriesDatesElsewhere')}</p>
      ) : (
        <>
          <div className="field-pair">
            <TextField
              id="meeting-date"
              type="date"
              label={t('form.date')}
              value={values.date}
              onChange={(event) => setDate(event.target.value)}
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
          <SelectField
            id="meeting-duration"
            label={t('form.duration')}
            options={[...new Set<number>([...DURATIONS, values.durationMinutes])]
              .sort((a, b) => a - b)
              .map((minutes) => ({ value: String(minutes), label: durationLabel(minutes, t) }))}
            value={String(values.durationMinutes)}
            onChange={(minutes) => set({ durationMinutes: Number(minutes) })}
          />
          <SelectField
            id="meeting-timezone"
            label={t('form.timeZone')}
            hint={t('form.timeZoneHint')}
            options={timeZoneOptions(values.timeZone).map((zone) => ({ value: zone, label: zone }))}
            value={values.timeZone}
            onChange={(timeZone) => set({ timeZone })}
          />
          {mode === 'new' && <RhythmFields values={values} set={set} errorFor={errorFor} />}
        </>
      )}

      <SettingsFields values={values} set={set} errorFor={errorFor} />
    </FormShell>
  );
}

/** "90 Minuten", "2 Stunden", "1 Stunde 30 Minuten". */
export function durationLabel(minutes: number, t: ReturnType<typeof useMeetingsText>['t']): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) {
    return t('form.minutes', { count: rest });
  }
  return rest === 0
    ? t('form.hours', { count: hours })
    : `${t('form.hours', { count: hours })} ${t('form.minutes', { count: rest })}`;
}
