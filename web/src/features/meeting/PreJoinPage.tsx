import { useId, useRef, useState, type SubmitEvent } from 'react';
import { unlockAudio } from '../../core/audio';
import type { MeetingController } from '../../core/meeting/meeting-controller';
import { Link } from '../../ui/Link';
import { useSession } from '../../ui/use-session';
import { useStore } from '../../ui/use-store';
import { JoinInfo } from '../meetings/JoinInfo';
import { CheckStep } from '../setup-test/CheckStep';
import { PermissionStep } from '../setup-test/PermissionStep';
import { StepHeading } from '../setup-test/StepHeading';
import { useMeetingText } from './i18n/meeting-i18n';
import { nameProblem } from './meeting-route-fns';
import { MeetingFrame } from './MeetingFrame';
import { rememberedName, rememberName } from './remembered-name';

/**
 * Before joining: camera and microphone (the setup test's steps: permission, picture, level, devices, test tone),
 * the display name, how to start (microphone and camera off unless chosen), the privacy note and consent.
 */
export function PreJoinPage({ meeting }: { meeting: MeetingController }) {
  const { t } = useMeetingText();
  const media = useStore(meeting.media);
  const id = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const consentRef = useRef<HTMLInputElement>(null);
  // The name used last in this tab, else (for logged-in hosts) the account's name once it has loaded.
  const [typed, setName] = useState<string | undefined>(() => rememberedName() || undefined);
  const accountName = useSession().me?.user.name;
  const name = typed ?? accountName ?? '';
  const [micOn, setMicOn] = useState(false);
  const [cameraOn, setCameraOn] = useState(false);
  const [audioOnly, setAudioOnly] = useState(false);
  const [consent, setConsent] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const headingId = `${id}-heading`;

  const nameError = submitted ? nameProblem(name) : undefined;
  const consentError = submitted && !consent;
  const noMicrophone = media.status === 'error';

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (nameProblem(name) !== undefined) {
      nameRef.current?.focus();
      return;
    }
    if (!consent) {
      consentRef.current?.focus();
      return;
    }
    unlockAudio();
    rememberName(name.trim());
    void meeting.join(name.trim(), { micMuted: !micOn, cameraOn: cameraOn && !audioOnly, audioOnly });
  };

  return (
    <MeetingFrame title={t('prejoin.title')} focus={false}>
      <p className="lead">{t('prejoin.intro')}</p>
      <JoinInfo />
      <PermissionStep media={meeting.media} number={1} />
      <CheckStep media={meeting.media} number={2} />
      <section className="card step" aria-labelledby={headingId}>
        <StepHeading id={headingId} number={3} text={t('prejoin.joinHeading')} />
        <form className="prejoin-form" noValidate onSubmit={submit}>
          <div className="field">
            <label htmlFor={`${id}-name`} className="field-label">
              {t('prejoin.name')}
            </label>
            <p id={`${id}-name-hint`} className="field-hint">
              {t('prejoin.nameHint')}
            </p>
            {nameError !== undefined && (
              <p id={`${id}-name-error`} className="field-error">
                {t(`prejoin.nameErrors.${nameError}`)}
              </p>
            )}
            <input
              ref={nameRef}
              id={`${id}-name`}
              className="text-input"
              type="text"
              autoComplete="nickname"
              maxLength={80}
              value={name}
              aria-invalid={nameError !== undefined ? true : undefined}
              aria-describedby={
                nameError !== undefined ? `${id}-name-error ${id}-name-hint` : `${id}-name-hint`
              }
              onChange={(event) => setName(event.target.value)}
            />
          </div>

          <fieldset className="choices">
            <legend className="field-label">{t('prejoin.startWith')}</legend>
            <Choice checked={micOn} onChange={setMicOn} label={t('prejoin.micOn')} disabled={noMicrophone} />
            <Choice
              checked={cameraOn && !audioOnly}
              onChange={setCameraOn}
              label={t('prejoin.cameraOn')}
              disabled={audioOnly || noMicrophone}
            />
            <Choice checked={audioOnly} onChange={setAudioOnly} label={t('prejoin.audioOnly')} />
            <p className="field-hint">{t('prejoin.startHint')}</p>
          </fieldset>

          {noMicrophone && (
            <div className="help-box" role="note">
              <p className="status-main">{t('prejoin.noDevices.heading')}</p>
              <ul className="plain-list">
                {[t('prejoin.noDevices.listen'), t('prejoin.noDevices.phone')].map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            </div>
          )}

          <div className="privacy-note">
            <h3 className="privacy-heading">{t('prejoin.privacy.heading')}</h3>
            <p>{t('prejoin.privacy.text')}</p>
            <p>
              <Link to="/datenschutz" target="_blank" rel="noopener">
                {t('prejoin.privacy.link')}
              </Link>
            </p>
          </div>

          {consentError && (
            <p id={`${id}-consent-error`} className="field-error">
              {t('prejoin.consentError')}
            </p>
          )}
          <div className="choice choice-consent">
            <input
              ref={consentRef}
              id={`${id}-consent`}
              type="checkbox"
              checked={consent}
              aria-invalid={consentError ? true : undefined}
              aria-describedby={consentError ? `${id}-consent-error` : undefined}
              onChange={(event) => setConsent(event.target.checked)}
            />
            <label htmlFor={`${id}-consent`}>{t('prejoin.consent')}</label>
          </div>

          <div className="actions">
            <button type="submit" className="button button-primary button-large">
              {t('prejoin.join')}
            </button>
          </div>
        </form>
      </section>
    </MeetingFrame>
  );
}

function Choice({
  checked,
  onChange,
  label,
  disabled = false,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="choice">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
