import { useId, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { router } from '../../core/router';
import { parseMeetingInput, type MeetingInput } from './meeting-id-fns';

type Failure = Extract<MeetingInput, { ok: false }>;

/** "Join a meeting": takes a meeting ID or an invitation link and goes to the meeting's page. */
export function JoinMeetingForm() {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [failure, setFailure] = useState<Failure | undefined>(undefined);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = parseMeetingInput(value);
    if (result.ok) {
      setFailure(undefined);
      router.navigate(result.path);
    } else {
      setFailure(result);
      inputRef.current?.focus();
    }
  };

  const errorText = failure ? errorMessage(failure, t) : undefined;

  return (
    <form className="join-form" noValidate onSubmit={submit}>
      <label htmlFor={`${id}-input`} className="field-label">
        {t('home.join.label')}
      </label>
      <p id={hintId} className="field-hint">
        {t('home.join.hint')}
      </p>
      {errorText !== undefined && (
        <p id={errorId} className="field-error">
          <span className="visually-hidden">{t('home.join.errorPrefix')} </span>
          {errorText}
        </p>
      )}
      <div className="field-row">
        <input
          ref={inputRef}
          id={`${id}-input`}
          className="text-input"
          type="text"
          name="meeting"
          autoComplete="off"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          aria-invalid={failure ? true : undefined}
          aria-describedby={failure ? `${errorId} ${hintId}` : hintId}
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />
        <button type="submit" className="button button-primary">
          {t('home.join.submit')}
        </button>
      </div>
    </form>
  );
}

function errorMessage(failure: Failure, t: ReturnType<typeof useTranslation>['t']): string {
  switch (failure.error) {
    case 'empty':
      return t('home.join.errors.empty');
    case 'invalid':
      return t('home.join.errors.invalid');
    case 'tooShort':
      return t('home.join.errors.tooShort', { count: failure.digits });
    case 'tooLong':
      return t('home.join.errors.tooLong');
  }
}
