import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** 32 random bytes (256 bits), URL-safe: session cookies and one-time links. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * SHA-256 (hex) of a high-entropy token. A slow hash buys nothing for 256 random bits, and a fast one lets us
 * look the token up by its hash.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The CSRF token of a session, derived from the session token so that nothing extra is stored: it cannot be
 * computed from the database (which holds only the session's hash), nor does it reveal the session token.
 */
export function deriveCsrfToken(sessionToken: string): string {
  return createHash('sha256').update(`treffpunkt-csrf\0${sessionToken}`, 'utf8').digest('base64url');
}

/** Constant-time string comparison; different lengths are unequal. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface SessionPolicy {
  /** A session unused for this long ends. */
  idleMs: number;
  /** A session ends this long after login, however active. */
  absoluteMs: number;
  /** last_seen_at is written at most this often, so that not every request writes. */
  touchEveryMs: number;
}

export const defaultSessionPolicy: SessionPolicy = {
  idleMs: 8 * 60 * 60 * 1000,
  absoluteMs: 7 * 24 * 60 * 60 * 1000,
  touchEveryMs: 60 * 1000,
};

export type SessionState = 'valid' | 'idle' | 'expired';

export function sessionState(
  session: { lastSeenAt: Date; expiresAt: Date },
  now: Date,
  policy: SessionPolicy,
): SessionState {
  if (now.getTime() >= session.expiresAt.getTime()) {
    return 'expired';
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= policy.idleMs) {
    return 'idle';
  }
  return 'valid';
}

export function needsTouch(session: { lastSeenAt: Date }, now: Date, policy: SessionPolicy): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= policy.touchEveryMs;
}

// No 0/O, 1/l/I: read aloud or copied from paper without mistakes.
const readableAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function randomGroups(alphabet: string, groups: number, size: number): string {
  return Array.from({ length: groups }, () =>
    Array.from({ length: size }, () => alphabet[randomInt(alphabet.length)] ?? '').join(''),
  ).join('-');
}

/** A random password to print once, e.g. for the seeded admin: 20 characters, about 99 bits. */
export function generateReadablePassword(): string {
  return randomGroups(readableAlphabet, 4, 5);
}

/** Recovery codes for the second factor: 16 characters each, 80 bits, shown once and stored hashed. */
export function generateRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => randomGroups(codeAlphabet, 4, 4));
}

/** Ignores case, spaces and dashes, so "abcd efgh …" typed by hand matches "ABCD-EFGH-…". */
export function normaliseRecoveryCode(input: string): string {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  return compact.match(/.{1,4}/g)?.join('-') ?? '';
}

export const passwordRules = { minLength: 10, maxLength: 200 } as const;

/** Why a new password is not acceptable, or undefined. Length rules live in the zod schema. */
export function passwordProblem(password: string, email: string): 'password_contains_email' | undefined {
  const local = email.split('@')[0] ?? '';
  const lower = password.toLowerCase();
  if (lower.includes(email) || (local.length >= 4 && lower.includes(local))) {
    return 'password_contains_email';
  }
  return undefined;
}

/**
 * A link to a page of the web app carrying a one-time token in the fragment: browsers do not send fragments
 * to the server or in the Referer, so the token stays out of access logs and third-party requests.
 */
export function oneTimeLink(baseUrl: string, page: string, token: string): string {
  return `${baseUrl.replace(/\/$/, '')}${page}#token=${encodeURIComponent(token)}`;
}

/** A LIKE/ILIKE pattern matching `text` anywhere, with the wildcards in `text` escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
