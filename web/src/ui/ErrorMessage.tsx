import { useTranslation } from 'react-i18next';
import type { ApiError } from '../core/api-client';
import { errorText } from './error-text';
import { Link } from './Link';

/** The words after a failed request, with the way forward where there is one (profile, login, retry). */
export function ErrorDetails({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  return (
    <>
      {errorText(error, t)}
      {error.code === 'totp_enrolment_required' && (
        <>
          {' '}
          <Link to="/profil#zweiter-faktor">{t('errors.totpLink')}</Link>
        </>
      )}
      {error.code === 'unauthorized' && (
        <>
          {' '}
          <Link to="/anmelden">{t('errors.loginLink')}</Link>
        </>
      )}
      {error.status >= 500 && error.requestId !== undefined && (
        <span className="error-reference">{t('errors.reference', { id: error.requestId })}</span>
      )}
    </>
  );
}

/** A problem box for a page or list that could not load (`role="alert"`), with an optional retry button. */
export function ErrorMessage({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="status status-problem problem-box" role="alert">
      <p>
        <ErrorDetails error={error} />
      </p>
      {onRetry && (
        <p>
          <button type="button" className="button button-secondary" onClick={onRetry}>
            {t('common.retry')}
          </button>
        </p>
      )}
    </div>
  );
}
