import { describe, expect, it } from 'vitest';
import {
  groupSecret,
  looksLikeEmail,
  parseFragmentToken,
  passwordProblem,
  secondFactorInput,
  totpCode,
} from './account-fns';

const token = 'AbC_def-1234567890ghijklmnopqrstuvwxyzABCDE';

describe('parseFragmentToken', () => {
  it('reads the token from the fragment, with or without #', () => {
    expect(parseFragmentToken(`#token=${token}`)).toBe(token);
    expect(parseFragmentToken(`token=${token}`)).toBe(token);
    expect(parseFragmentToken(`#other=1&token=${token}`)).toBe(token);
  });
  it('accepts a percent-encoded token', () => {
    expect(parseFragmentToken(`#token=${encodeURIComponent(token)}`)).toBe(token);
  });
  it('refuses missing, truncated or odd tokens', () => {
    expect(parseFragmentToken('')).toBeUndefined();
    expect(parseFragmentToken('#')).toBeUndefined();
    expect(parseFragmentToken('#token=')).toBeUndefined();
    expect(parseFragmentToken('#token=abc')).toBeUndefined();
    expect(parseFragmentToken(`#token=${token}<script>`)).toBeUndefined();
    expect(parseFragmentToken(`#token=${'a'.repeat(101)}`)).toBeUndefined();
  });
});

describe('passwordProblem', () => {
  it('wants 10 to 200 characters', () => {
    expect(passwordProblem('')).toEqual({ kind: 'empty' });
    expect(passwordProblem('kurz')).toEqual({ kind: 'tooShort', length: 4 });
    expect(passwordProblem('a'.repeat(201))).toEqual({ kind: 'tooLong' });
    expect(passwordProblem('Mein Hund mag gelbe Bälle')).toBeUndefined();
  });
  it('refuses the email address or its local part (4+ characters), ignoring case', () => {
    expect(passwordProblem('xxanna.schmidt@example.orgxx', 'anna.schmidt@example.org')).toEqual({
      kind: 'containsEmail',
    });
    expect(passwordProblem('ANNA.SCHMIDT und mehr', 'anna.schmidt@example.org')).toEqual({
      kind: 'containsEmail',
    });
    expect(passwordProblem('bob ist ein guter Name', 'bob@example.org')).toBeUndefined();
    expect(passwordProblem('ganz etwas anderes', 'anna@example.org')).toBeUndefined();
  });
});

describe('looksLikeEmail', () => {
  it('catches the usual slips', () => {
    expect(looksLikeEmail('anna@example.org')).toBe(true);
    expect(looksLikeEmail(' anna@example.org ')).toBe(true);
    expect(looksLikeEmail('anna@example')).toBe(false);
    expect(looksLikeEmail('anna example.org')).toBe(false);
    expect(looksLikeEmail('anna @example.org')).toBe(false);
  });
});

describe('second factor codes', () => {
  it('tells an app code from a recovery code', () => {
    expect(secondFactorInput('123456')).toEqual({ totpCode: '123456' });
    expect(secondFactorInput(' 123 456 ')).toEqual({ totpCode: '123456' });
    expect(secondFactorInput('abcd-efgh-jkmn-pq23')).toEqual({ recoveryCode: 'ABCD-EFGH-JKMN-PQ23' });
    expect(secondFactorInput('ABCD EFGH JKMN PQ23')).toEqual({ recoveryCode: 'ABCD-EFGH-JKMN-PQ23' });
    expect(secondFactorInput('12345')).toBeUndefined();
    expect(secondFactorInput('')).toBeUndefined();
  });
  it('reads a 6-digit app code', () => {
    expect(totpCode('123 456')).toBe('123456');
    expect(totpCode('12345a')).toBeUndefined();
  });
  it('groups a secret in fours', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
    expect(groupSecret('')).toBe('');
  });
});
