import { useId, useRef, useState, type SubmitEvent } from 'react';
import type { MeetingController } from '../../core/meeting/meeting-controller';
import { useMeetingText } from './i18n/meeting-i18n';
import { MeetingFrame } from './MeetingFrame';

/** "Please wait": the socket opens and the server decides. */
export function ConnectingPage() {
  const { t } = useMeetingText();
  return (
    <MeetingFrame title={t('connecting.title')}>
      <p role="status" className="status">
        <span className="status-main">{t('connecting.text')}</span>
      </p>
    </MeetingFrame>
  );
}

/** The meeting ID link needs the meeting's passcode (it is in the invitation). */
export function PasscodePage({
  meeting,
  problem,
}: {
  meeting: MeetingController;
  problem: 'required' | 'wrong' | undefined;
}) {
  const { t } = useMeetingText();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [passcode, setPasscode] = useState('');
  const [empty, setEmpty] = useState(false);
  const error = empty ? t('passcode.empty') : problem === 'wrong' ? t('passcode.wrong') : undefined;

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (passcode.trim() === '') {
      setEmpty(true);
      inputRef.current?.focus();
      return;
    }
    setEmpty(false);
    void meeting.submitPasscode(passcode.trim());
  };

  return (
    <MeetingFrame title={t('passcode.title')}>
      <p className="lead">{t('passcode.text')}</p>
      <form className="card" noValidate onSubmit={submit}>
        <label htmlFor={`${id}-input`} className="field-label">
          {t('passcode.label')}
        </label>
        {error !== undefined && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="field">
          <input
            ref={inputRef}
            id={`${id}-input`}
            className="text-input passcode-input"
            type="text"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={64}
            value={passcode}
            aria-invalid={error !== undefined ? true : undefined}
            aria-describedby={error !== undefined ? `${id}-error` : undefined}
            onChange={(event) => setPasscode(event.target.value)}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button button-primary button-large">
            {t('passcode.submit')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => meeting.leave()}>
            {t('passcode.cancel')}
          </button>
        </div>
      </form>
    </MeetingFrame>
  );
}
