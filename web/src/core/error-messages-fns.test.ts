import { describe, expect, it } from 'vitest';
import de from '../i18n/de.json';
import en from '../i18n/en.json';
import { errorMessageCode, knownErrorCodes, waitDuration } from './error-messages-fns';

describe('errorMessageCode', () => {
  it('gives known codes their own sentence', () => {
    expect(errorMessageCode({ code: 'invalid_credentials', status: 401 })).toBe('invalid_credentials');
    expect(errorMessageCode({ code: 'totp_enrolment_required', status: 403 })).toBe(
      'totp_enrolment_required',
    );
    expect(errorMessageCode({ code: 'network_error', status: 0 })).toBe('network_error');
  });
  it('falls back by status, then to a general sentence', () => {
    expect(errorMessageCode({ code: 'meeting_not_found', status: 404 })).toBe('not_found');
    expect(errorMessageCode({ code: 'internal_error', status: 500 })).toBe('server_error');
    expect(errorMessageCode({ code: 'bad_response', status: 502 })).toBe('server_error');
    expect(errorMessageCode({ code: 'something_new', status: 429 })).toBe('rate_limited');
    expect(errorMessageCode({ code: 'something_new', status: 409 })).toBe('generic');
    expect(errorMessageCode({ code: 'unexpected', status: 0 })).toBe('generic');
  });
  it('has a German and an English sentence for every known code', () => {
    for (const code of knownErrorCodes) {
      expect(de.errors.codes[code], code).toBeTruthy();
      expect(en.errors.codes[code], code).toBeTruthy();
    }
    expect(Object.keys(de.errors.codes).sort()).toEqual([...knownErrorCodes].sort());
  });
});

describe('waitDuration', () => {
  it('says seconds, minutes or hours as people would', () => {
    expect(waitDuration(1)).toEqual({ unit: 'seconds', count: 1 });
    expect(waitDuration(59.2)).toEqual({ unit: 'seconds', count: 60 });
    expect(waitDuration(119)).toEqual({ unit: 'seconds', count: 119 });
    expect(waitDuration(120)).toEqual({ unit: 'minutes', count: 2 });
    expect(waitDuration(601)).toEqual({ unit: 'minutes', count: 11 });
    expect(waitDuration(7200)).toEqual({ unit: 'hours', count: 2 });
  });
  it('has nothing to say without a positive number', () => {
    expect(waitDuration(undefined)).toBeUndefined();
    expect(waitDuration(0)).toBeUndefined();
    expect(waitDuration(Number.NaN)).toBeUndefined();
  });
});
