import type { RoomCredential } from '../../core/meeting/meeting-types';

export type MeetingRoute =
  { ok: true; credential: RoomCredential } | { ok: false; problem: 'invitation_invalid' | 'not_found' };

const tokenPattern = /^[A-Za-z0-9_-]{16,128}$/;
const meetingIdPattern = /^\d{10,16}$/;

/**
 * What a meeting address asks for, as the protocol's credential; `undefined` for other paths. A malformed token
 * or ID gives the page that explains it (and sends nothing to the server).
 */
export function meetingRoute(path: string): MeetingRoute | undefined {
  const [, section, value, ...rest] = path.split('/');
  if (rest.length > 0 || value === undefined || value === '') {
    return undefined;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    decoded = '';
  }
  switch (section) {
    case 'j':
      return tokenPattern.test(decoded)
        ? { ok: true, credential: { kind: 'invitation', token: decoded } }
        : { ok: false, problem: 'invitation_invalid' };
    case 'm':
      return meetingIdPattern.test(decoded)
        ? { ok: true, credential: { kind: 'meeting', meetingId: decoded } }
        : { ok: false, problem: 'not_found' };
    case 'raum':
      return meetingIdPattern.test(decoded)
        ? { ok: true, credential: { kind: 'host', meetingId: decoded } }
        : { ok: false, problem: 'not_found' };
    default:
      return undefined;
  }
}

/** A display name as the protocol accepts it: trimmed, 1–80 characters, no control characters. */
export function nameProblem(name: string): 'empty' | 'tooLong' | 'invalid' | undefined {
  const trimmed = name.trim();
  if (trimmed === '') {
    return 'empty';
  }
  if (trimmed.length > 80) {
    return 'tooLong';
  }
  return /\p{Cc}/u.test(trimmed) ? 'invalid' : undefined;
}
