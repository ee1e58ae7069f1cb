/** Meeting IDs have at least this many digits. */
export const MIN_MEETING_ID_DIGITS = 10;
/** Longer input cannot be a meeting ID (the protocol's `roomCredential` takes 10–16 digits). */
export const MAX_MEETING_ID_DIGITS = 16;

export type MeetingInputError = 'empty' | 'invalid' | 'tooShort' | 'tooLong';

export type MeetingInput =
  | { ok: true; path: string }
  | { ok: false; error: MeetingInputError; /** digits counted, for the message */ digits: number };

/** As the protocol's `roomCredential` and the `/j/` route take it: shorter cannot be an invitation. */
const tokenPattern = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * Reads what a person typed or pasted into "join a meeting": a meeting ID (digits; spaces, dashes and dots between
 * them are fine, as invitations group them), or a whole invitation link containing `/m/<id>` or `/j/<token>`.
 * Only the path is kept: the meeting is always joined on this site.
 */
export function parseMeetingInput(input: string): MeetingInput {
  const text = input.trim();
  if (text === '') {
    return { ok: false, error: 'empty', digits: 0 };
  }
  const path = pathOf(text);
  const personal = /(?:^|\/)j\/([^/?#\s]+)/.exec(path);
  if (personal?.[1] !== undefined) {
    const token = personal[1];
    return tokenPattern.test(token)
      ? { ok: true, path: `/j/${token}` }
      : { ok: false, error: 'invalid', digits: 0 };
  }
  const meeting = /(?:^|\/)m\/([^/?#]+)/.exec(path);
  return meetingId(meeting?.[1] ?? text);
}

function meetingId(candidate: string): MeetingInput {
  const compact = candidate.replace(/[\s.\-\u00a0\u202f]/g, '');
  if (!/^\d+$/.test(compact)) {
    return { ok: false, error: 'invalid', digits: compact.replace(/\D/g, '').length };
  }
  if (compact.length < MIN_MEETING_ID_DIGITS) {
    return { ok: false, error: 'tooShort', digits: compact.length };
  }
  if (compact.length > MAX_MEETING_ID_DIGITS) {
    return { ok: false, error: 'tooLong', digits: compact.length };
  }
  return { ok: true, path: `/m/${compact}` };
}

/** The path of a link (with or without `https://`), or the text itself when it is not a link. */
function pathOf(text: string): string {
  if (!text.includes('/')) {
    return text;
  }
  let path: string;
  if (/^\/|^[mj]\//i.test(text)) {
    path = `/${text.replace(/^\/+/, '')}`.replace(/[?#].*$/, '');
  } else {
    try {
      path = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`).pathname;
    } catch {
      return text;
    }
  }
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
