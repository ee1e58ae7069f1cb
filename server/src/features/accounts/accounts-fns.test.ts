import { describe, expect, it } from 'vitest';
import {
  containsPattern,
  defaultSessionPolicy,
  deriveCsrfToken,
  generateReadablePassword,
  generateRecoveryCodes,
  generateToken,
  hashToken,
  needsTouch,
  normaliseRecoveryCode,
  oneTimeLink,
  passwordProblem,
  safeEqual,
  sessionState,
} from './accounts-fns.js';
import { emailSchema, nameSchema } from './accounts-schemas.js';

describe('tokens', () => {
  it('are 256-bit, URL-safe and unique; stored as a 64-character SHA-256', () => {
    const token = generateToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateToken()).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
  });

  it('derive a CSRF token that differs from the session token and its hash', () => {
    const token = generateToken();
    const csrf = deriveCsrfToken(token);
    expect(csrf).toBe(deriveCsrfToken(token));
    expect(csrf).not.toBe(token);
    expect(csrf).not.toBe(hashToken(token));
    expect(deriveCsrfToken(generateToken())).not.toBe(csrf);
  });

  it('compare in constant time, unequal lengths included', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });

  it('travel in the fragment of one-time links', () => {
    expect(oneTimeLink('https://treffen.example.org/', '/account/setup', 'abc_-1')).toBe(
      'https://treffen.example.org/account/setup#token=abc_-1',
    );
  });
});

describe('sessionState', () => {
  const policy = defaultSessionPolicy;
  const start = new Date('2030-01-01T08:00:00Z');
  const session = { lastSeenAt: start, expiresAt: new Date(start.getTime() + policy.absoluteMs) };
  const at = (ms: number) => new Date(start.getTime() + ms);

  it('is valid while used, ends after 8 idle hours or 7 days in all', () => {
    expect(sessionState(session, at(60_000), policy)).toBe('valid');
    expect(sessionState(session, at(policy.idleMs - 1), policy)).toBe('valid');
    expect(sessionState(session, at(policy.idleMs), policy)).toBe('idle');
    const busy = { ...session, lastSeenAt: at(policy.absoluteMs - 1000) };
    expect(sessionState(busy, at(policy.absoluteMs), policy)).toBe('expired');
  });

  it('writes last_seen_at at most once a minute', () => {
    expect(needsTouch(session, at(30_000), policy)).toBe(false);
    expect(needsTouch(session, at(60_000), policy)).toBe(true);
  });
});

describe('generated secrets', () => {
  it('readable passwords avoid look-alike characters', () => {
    const password = generateReadablePassword();
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(password).not.toMatch(/[01ilo]/);
  });

  it('recovery codes are ten distinct 16-character codes, matched regardless of case, spaces and dashes', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const code = codes[0]!;
    expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    expect(normaliseRecoveryCode(` ${code.replace(/-/g, ' ').toLowerCase()} `)).toBe(code);
  });
});

describe('input rules', () => {
  it('normalise emails and bound them', () => {
    expect(emailSchema.parse('  Anna.Beispiel@Example.ORG ')).toBe('anna.beispiel@example.org');
    expect(emailSchema.safeParse('not an email').success).toBe(false);
    expect(emailSchema.safeParse(`${'a'.repeat(250)}@example.org`).success).toBe(false);
  });

  it('keep names on one line', () => {
    expect(nameSchema.parse('  Anna  ')).toBe('Anna');
    expect(nameSchema.safeParse('Anna\r\nBcc: x@y.z').success).toBe(false);
    expect(nameSchema.safeParse('').success).toBe(false);
  });

  it('refuse passwords containing the email address', () => {
    expect(passwordProblem('anna.beispiel-2030!', 'anna.beispiel@example.org')).toBe(
      'password_contains_email',
    );
    expect(passwordProblem('lange Wörter gehen gut', 'anna.beispiel@example.org')).toBeUndefined();
  });

  it('escape LIKE wildcards in search text', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
