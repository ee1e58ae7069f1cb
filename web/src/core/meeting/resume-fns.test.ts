import { describe, expect, it } from 'vitest';
import { readResumeToken, resumeKey, writeResumeToken } from './resume-fns';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

describe('resume tokens', () => {
  const meeting = { kind: 'meeting' as const, meetingId: '1234567890', passcode: 'geheim' };
  it('keys per meeting and way in, never by the passcode', () => {
    expect(resumeKey(meeting)).toBe('treffpunkt.resume.m.1234567890');
    expect(resumeKey({ kind: 'host', meetingId: '1234567890' })).toBe('treffpunkt.resume.h.1234567890');
    expect(resumeKey({ kind: 'invitation', token: 'abcdefghijklmnop' })).toBe(
      'treffpunkt.resume.j.abcdefghijklmnop',
    );
  });

  it('stores, reads and removes', () => {
    const storage = new MemoryStorage();
    writeResumeToken(storage, meeting, 'tok');
    expect(readResumeToken(storage, { ...meeting, passcode: undefined })).toBe('tok');
    writeResumeToken(storage, meeting, undefined);
    expect(readResumeToken(storage, meeting)).toBeUndefined();
  });

  it('copes without storage or with a failing one', () => {
    expect(readResumeToken(undefined, meeting)).toBeUndefined();
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => undefined,
    };
    expect(readResumeToken(broken, meeting)).toBeUndefined();
    expect(() => writeResumeToken(broken, meeting, 'x')).not.toThrow();
  });
});
