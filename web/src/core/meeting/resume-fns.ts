import type { RoomCredential } from './meeting-types';

/**
 * The sessionStorage key under which a meeting's resume token is kept: per meeting and way in, so a reload of the
 * tab returns to the same place, and a different meeting in the same tab does not pick it up.
 */
export function resumeKey(credential: RoomCredential): string {
  switch (credential.kind) {
    case 'invitation':
      return `treffpunkt.resume.j.${credential.token}`;
    case 'meeting':
      return `treffpunkt.resume.m.${credential.meetingId}`;
    case 'host':
      return `treffpunkt.resume.h.${credential.meetingId}`;
  }
}

/** Reads a stored resume token; anything odd counts as none. */
export function readResumeToken(
  storage: Pick<Storage, 'getItem'> | undefined,
  credential: RoomCredential,
): string | undefined {
  try {
    const value = storage?.getItem(resumeKey(credential));
    return value && value.length <= 128 ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Stores (or with `undefined` removes) the resume token; storage may be disabled, then resuming after reload is off. */
export function writeResumeToken(
  storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined,
  credential: RoomCredential,
  token: string | undefined,
): void {
  try {
    if (token === undefined) {
      storage?.removeItem(resumeKey(credential));
    } else {
      storage?.setItem(resumeKey(credential), token);
    }
  } catch {
    // Private mode or storage disabled.
  }
}
