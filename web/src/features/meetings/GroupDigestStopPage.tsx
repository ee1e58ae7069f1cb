import { useState } from 'react';
import { api, toApiError } from '../../core/api-client';
import { Page } from '../../ui/Page';
import { useMeetingsText } from './i18n/meetings-i18n';

/** Read once and removed from the address bar, like the set-up links: the token stands for one person's digest. */
function takeToken(): string {
  const token = /token=([A-Za-z0-9_-]+)/.exec(window.location.hash)?.[1] ?? '';
  if (window.location.hash) {
    window.history.replaceState(window.history.state, '', window.location.pathname);
  }
  return token;
}

/** `/gruppe/abbestellen#token=…`: the link in a group space digest mail; one confirming click stops them. */
export function GroupDigestStopPage() {
  const { t, problem } = useMeetingsText();
  const [token] = useState(takeToken);
  const [state, setState] = useState<'ask' | 'busy' | 'done'>('ask');
  const [failure, setFailure] = useState('');
  const stop = async () => {
    setState('busy');
    setFailure('');
    try {
      await api.post('/api/group/digest/stop', { token });
      setState('done');
    } catch (error) {
      setFailure(problem(toApiError(error)));
      setState('ask');
    }
  };
  return (
    <Page title={t('group.stopTitle')}>
      {state === 'done' ? (
        <p role="status" className="status status-ok">
          {t('group.stopDone')}
        </p>
      ) : (
        <>
          <p>{t('group.stopText')}</p>
          {failure !== '' && (
            <p role="alert" className="status status-problem">
              {failure}
            </p>
          )}
          <button
            type="button"
            className="button button-primary"
            aria-disabled={state === 'busy' || token === '' ? true : undefined}
            onClick={() => state === 'ask' && token !== '' && void stop()}
          >
            {t('group.stopButton')}
          </button>
        </>
      )}
    </Page>
  );
}
