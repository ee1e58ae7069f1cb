import { useId, useState } from 'react';
import { toApiError } from '../../core/api-client';
import { useMeetingsText } from './i18n/meetings-i18n';
import { meetingsApi } from './meetings-api';

type CopyState =
  | { status: 'idle' | 'busy' | 'copied' }
  | { status: 'manual'; text: string }
  | { status: 'failed'; message: string };

/**
 * "Copy invitation text": the text a host shares (join page, meeting ID, passcode, dial-in; no personal PIN) goes
 * to the clipboard. Where the browser refuses the clipboard, the text is shown to select and copy by hand.
 */
export function CopyInvitation({ meetingId, title }: { meetingId: string; title: string }) {
  const { t, problem, language } = useMeetingsText();
  const id = useId();
  const [state, setState] = useState<CopyState>({ status: 'idle' });
  const copy = async () => {
    setState({ status: 'busy' });
    let text: string;
    try {
      text = await meetingsApi.invitationText(meetingId, language === 'en' ? 'en' : 'de');
    } catch (error) {
      setState({ status: 'failed', message: problem(toApiError(error)) });
      return;
    }
    try {
      await navigator.clipboard.writeText(text);
      setState({ status: 'copied' });
    } catch {
      setState({ status: 'manual', text });
    }
  };
  return (
    <>
      <button
        type="button"
        className="button button-secondary button-small"
        aria-disabled={state.status === 'busy' ? true : undefined}
        aria-label={t('actions.copyFor', { title })}
        onClick={() => void copy()}
      >
        {t('actions.copy')}
      </button>
      <span role="status" className="copy-status">
        {state.status === 'copied' && t('actions.copied')}
        {state.status === 'failed' && state.message}
      </span>
      {state.status === 'manual' && (
        <div className="field copy-manual">
          <label htmlFor={`${id}-text`} className="field-label">
            {t('actions.copyManual')}
          </label>
          <textarea
            id={`${id}-text`}
            className="text-input text-area"
            readOnly
            rows={8}
            value={state.text}
            onFocus={(event) => event.target.select()}
          />
        </div>
      )}
    </>
  );
}
