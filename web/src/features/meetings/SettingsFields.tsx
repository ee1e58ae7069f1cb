import { Fragment } from 'react';
import { Checkbox, SelectField } from '../../ui/form/choices';
import { TextField } from '../../ui/form/fields';
import { useMeetingsText } from './i18n/meetings-i18n';
import { randomPasscode, REMINDERS, type MeetingFormValues } from './meeting-form-fns';
import type { MeetingSettings } from './meetings-types';

type Toggle = Exclude<keyof MeetingSettings, 'maxParticipants' | 'phonePin'>;
const toggles: Toggle[] = [
  'waitingRoom',
  'joinBeforeHost',
  'muteOnEntry',
  'cameraOffOnEntry',
  'chat',
  'dialIn',
  'e2ee',
];

/** Passcode, who gets in how, and the reminder, each with a sentence saying what it does. */
export function SettingsFields({
  values,
  set,
  errorFor,
}: {
  values: MeetingFormValues;
  set: (patch: Partial<MeetingFormValues>) => void;
  errorFor: (field: string) => string | undefined;
}) {
  const { t } = useMeetingsText();
  const setting = (patch: Partial<MeetingSettings>) => set({ settings: { ...values.settings, ...patch } });
  return (
    <>
      <h2 className="form-section-title">{t('form.securityHeading')}</h2>
      <Checkbox
        id="meeting-passcode-on"
        label={t('form.passcodeOn')}
        hint={t('form.passcodeOnHint')}
        checked={values.passcodeOn}
        onChange={(passcodeOn) =>
          set({
            passcodeOn,
            passcode: passcodeOn && values.passcode === '' ? randomPasscode() : values.passcode,
          })
        }
      />
      {values.passcodeOn && (
        <div className="passcode-row">
          <TextField
            id="meeting-passcode"
            label={t('form.passcode')}
            hint={t('form.passcodeHint')}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={64}
            className="field-tight"
            value={values.passcode}
            onChange={(event) => set({ passcode: event.target.value })}
            error={errorFor('meeting-passcode')}
          />
          <button
            type="button"
            className="button button-secondary"
            aria-describedby="meeting-passcode-hint"
            onClick={() => set({ passcode: randomPasscode() })}
          >
            {t('form.newPasscode')}
          </button>
        </div>
      )}
      {toggles.map((key) => (
        <Fragment key={key}>
          <Checkbox
            id={`meeting-setting-${key}`}
            label={t(`form.settings.${key}.label`)}
            hint={t(`form.settings.${key}.hint`)}
            checked={values.settings[key]}
            onChange={(checked) => setting({ [key]: checked })}
          />
          {key === 'dialIn' && values.settings.dialIn && !values.settings.e2ee && (
            <PhonePinField values={values} set={set} />
          )}
        </Fragment>
      ))}
      <TextField
        id="meeting-max"
        label={t('form.maxParticipants')}
        hint={t('form.maxParticipantsHint')}
        inputMode="numeric"
        className="field-short"
        value={Number.isNaN(values.settings.maxParticipants) ? '' : String(values.settings.maxParticipants)}
        onChange={(event) =>
          setting({ maxParticipants: event.target.value.trim() === '' ? NaN : Number(event.target.value) })
        }
        error={errorFor('meeting-max')}
      />
      <SelectField
        id="meeting-reminder"
        label={t('form.reminder')}
        hint={t('form.reminderHint')}
        options={[...new Set<string>([...REMINDERS, values.reminder])].map((minutes) => ({
          value: minutes,
          label: reminderLabel(minutes, t),
        }))}
        value={values.reminder}
        onChange={(reminder) => set({ reminder })}
      />
    </>
  );
}

/**
 * The meeting-wide phone PIN: a setting; the server makes the PIN (unique among the meeting's personal ones)
 * when it is switched on or renewed, so the form shows the saved one and says what saving will do.
 */
function PhonePinField({
  values,
  set,
}: {
  values: MeetingFormValues;
  set: (patch: Partial<MeetingFormValues>) => void;
}) {
  const { t } = useMeetingsText();
  const on = values.settings.phonePin;
  const saved = on && values.phonePin !== null ? values.phonePin : null;
  return (
    <>
      <Checkbox
        id="meeting-setting-phonePin"
        label={t('form.phonePinOn')}
        hint={t('form.phonePinOnHint')}
        checked={on}
        onChange={(phonePin) => set({ settings: { ...values.settings, phonePin }, renewPhonePin: false })}
      />
      {on && (
        <div className="passcode-row" aria-live="polite">
          {saved !== null && !values.renewPhonePin ? (
            <>
              <p>
                {t('form.phonePin')}: <code className="digits">{saved}</code>
              </p>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => set({ renewPhonePin: true })}
              >
                {t('form.newPhonePin')}
              </button>
            </>
          ) : (
            <p className="muted">
              {saved === null ? t('form.phonePinOnSave') : t('form.phonePinRenewOnSave')}
            </p>
          )}
        </div>
      )}
    </>
  );
}

/** "No reminder", "1 hour before", "1 day before", "30 minutes before". */
function reminderLabel(minutes: string, t: ReturnType<typeof useMeetingsText>['t']): string {
  const value = Number(minutes);
  if (minutes === '' || !Number.isFinite(value)) {
    return t('form.reminderNone');
  }
  if (value % 1440 === 0) {
    return t('form.reminderDays', { count: value / 1440 });
  }
  return value % 60 === 0
    ? t('form.reminderHours', { count: value / 60 })
    : t('form.reminderMinutes', { count: value });
}
