/** Pure rules of the account pages: one-time links, passwords, second-factor codes. */

const tokenShape = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * The one-time token from a link's fragment (`#token=…`, as the server's mails write it), or undefined when
 * there is none or it cannot be one (a mangled or truncated copy).
 */
export function parseFragmentToken(hash: string): string | undefined {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  let value: string | null;
  try {
    value = new URLSearchParams(fragment).get('token');
  } catch {
    return undefined;
  }
  const token = value?.trim();
  return token !== undefined && tokenShape.test(token) ? token : undefined;
}

/** As the server checks (server/src/features/accounts/accounts-fns.ts passwordRules). */
export const passwordRules = { minLength: 10, maxLength: 200 } as const;

export type PasswordProblem =
  { kind: 'empty' } | { kind: 'tooShort'; length: number } | { kind: 'tooLong' } | { kind: 'containsEmail' };

/**
 * Why a new password would be refused, checked before sending; the server checks again (and counts length
 * the same way, in UTF-16 code units).
 */
export function passwordProblem(password: string, email?: string): PasswordProblem | undefined {
  const length = password.length;
  if (length === 0) {
    return { kind: 'empty' };
  }
  if (length < passwordRules.minLength) {
    return { kind: 'tooShort', length };
  }
  if (length > passwordRules.maxLength) {
    return { kind: 'tooLong' };
  }
  if (email) {
    const address = email.trim().toLowerCase();
    const local = address.split('@')[0] ?? '';
    const lower = password.toLowerCase();
    if ((address !== '' && lower.includes(address)) || (local.length >= 4 && lower.includes(local))) {
      return { kind: 'containsEmail' };
    }
  }
  return undefined;
}

/** A plausible email address (the server decides); catches the usual slips: no @, no domain, spaces. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(value.trim());
}

/**
 * What someone typed in the one "code" field of the second step: 6 digits (spaces allowed, "123 456") are
 * the app's code; 16 letters and digits (dashes and spaces allowed) are a recovery code.
 */
export function secondFactorInput(
  value: string,
): { totpCode: string } | { recoveryCode: string } | undefined {
  const compact = value.replace(/[\s-]/g, '');
  if (/^\d{6}$/.test(compact)) {
    return { totpCode: compact };
  }
  if (/^[A-Za-z0-9]{16}$/.test(compact)) {
    return { recoveryCode: compact.toUpperCase().match(/.{4}/g)?.join('-') ?? compact };
  }
  return undefined;
}

/** The app's 6-digit code from what was typed ("123 456", "123-456"), or undefined. */
export function totpCode(value: string): string | undefined {
  const compact = value.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(compact) ? compact : undefined;
}

/** A secret in groups of four for typing it into an app: "JBSW Y3DP EHPK 3PXP". */
export function groupSecret(secret: string): string {
  return (
    secret
      .replace(/\s/g, '')
      .match(/.{1,4}/g)
      ?.join(' ') ?? ''
  );
}
