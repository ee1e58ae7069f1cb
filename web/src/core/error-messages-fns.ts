import type de from '../i18n/de.json';

/** Error codes with a sentence of their own in `errors.codes` (de.json / en.json). */
export type KnownErrorCode = keyof typeof de.errors.codes;

export const knownErrorCodes: readonly KnownErrorCode[] = [
  'network_error',
  'rate_limited',
  'unauthorized',
  'forbidden',
  'forbidden_origin',
  'csrf_failed',
  'validation_failed',
  'invalid_credentials',
  'second_factor_required',
  'invalid_second_factor',
  'invalid_link',
  'password_contains_email',
  'invalid_password',
  'email_taken',
  'email_unchanged',
  'totp_already_enabled',
  'totp_not_enabled',
  'totp_not_enrolling',
  'totp_required_by_policy',
  'totp_enrolment_required',
  'cannot_change_own_status',
  'cannot_change_own_role',
  'host_deactivated',
  'host_already_active',
  'host_already_deactivated',
  'organisation_already_active',
  'organisation_already_deactivated',
  'unknown_organisation',
  'organisation_not_found',
  'host_not_found',
  'mail_not_found',
  'mailbox_unavailable',
  'not_found',
  'server_error',
];

const known = new Set<string>(knownErrorCodes);

/**
 * Which sentence explains a failed request: its own for a known code, else one by status (not found, server
 * problem), else a general one. The server's English `message` is never shown.
 */
export function errorMessageCode(error: { code: string; status: number }): KnownErrorCode | 'generic' {
  if (known.has(error.code)) {
    return error.code as KnownErrorCode;
  }
  if (error.status === 404 || error.code.endsWith('_not_found')) {
    return 'not_found';
  }
  if (error.status >= 500) {
    return 'server_error';
  }
  if (error.status === 429) {
    return 'rate_limited';
  }
  return 'generic';
}

export type WaitUnit = 'seconds' | 'minutes' | 'hours';

/** A wait in words people use: under 2 minutes in seconds, under 2 hours in (rounded up) minutes, else hours. */
export function waitDuration(seconds: number | undefined): { unit: WaitUnit; count: number } | undefined {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) {
    return undefined;
  }
  if (seconds < 120) {
    return { unit: 'seconds', count: Math.ceil(seconds) };
  }
  if (seconds < 2 * 3600) {
    return { unit: 'minutes', count: Math.ceil(seconds / 60) };
  }
  return { unit: 'hours', count: Math.ceil(seconds / 3600) };
}
