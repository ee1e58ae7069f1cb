import type { TFunction } from 'i18next';
import type { ApiError } from '../core/api-client';
import { errorMessageCode, waitDuration } from '../core/error-messages-fns';

/** A failed request in the reader's language; the server's English message is never shown. */
export function errorText(error: Pick<ApiError, 'code' | 'status' | 'retryAfter'>, t: TFunction): string {
  const code = errorMessageCode(error);
  if (code === 'generic') {
    return t('errors.generic');
  }
  if (code === 'rate_limited') {
    const wait = waitDuration(error.retryAfter);
    return wait
      ? t('errors.codes.rate_limited', { wait: t(`errors.wait.${wait.unit}`, { count: wait.count }) })
      : t('errors.rateLimitedSoon');
  }
  return t(`errors.codes.${code}`);
}
