/** Pure rules of the session: roles, where to go after login, which return paths are safe. */

export type Role = 'platform_admin' | 'host';
export type Language = 'de' | 'en';

/** `GET /api/auth/me` (docs/api/accounts.md). */
export interface Me {
  user: {
    id: string;
    name: string;
    email: string;
    language: Language;
    role: Role;
    totpEnabled: boolean;
  };
  roles: Role[];
  organisations: Array<{ id: string; name: string }>;
  csrfToken: string;
  /** A platform admin must set up a second factor before the admin console answers. */
  totpEnrolmentRequired: boolean;
}

export function isPlatformAdmin(me: Pick<Me, 'roles'> | undefined): boolean {
  return me?.roles.includes('platform_admin') ?? false;
}

/** Where a person lands after logging in: the console for platform admins, the dashboard for hosts. */
export function homePath(me: Pick<Me, 'roles'>): string {
  return isPlatformAdmin(me) ? '/admin' : '/dashboard';
}

/** The query parameter naming the page to return to after logging in. */
export const returnParameter = 'weiter';

/**
 * A path on this site to return to after login, or undefined for anything else: no other origin
 * (`//evil.example`, `https://…`, `/\evil`), no control characters, not the login page itself.
 */
export function safeReturnPath(value: string | null | undefined): string | undefined {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return undefined;
  }
  if (value.length > 500 || /[\p{Cc}\s]/u.test(value)) {
    return undefined;
  }
  const path = value.split(/[?#]/)[0] ?? '';
  if (path === '/anmelden' || path.startsWith('/account/')) {
    return undefined;
  }
  return value;
}

/** `/anmelden?weiter=…` for a page that needs a login. */
export function loginPath(returnTo: string | undefined): string {
  const safe = safeReturnPath(returnTo);
  return safe === undefined || safe === '/'
    ? '/anmelden'
    : `/anmelden?${returnParameter}=${encodeURIComponent(safe)}`;
}

/** Where to go after a successful login: the safe return path from the query, else the person's home. */
export function afterLoginPath(search: string, me: Pick<Me, 'roles'>): string {
  const requested = safeReturnPath(new URLSearchParams(search).get(returnParameter));
  if (requested?.startsWith('/admin') && !isPlatformAdmin(me)) {
    return homePath(me);
  }
  return requested ?? homePath(me);
}
