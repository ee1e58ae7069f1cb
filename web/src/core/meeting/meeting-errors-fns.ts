import type { SignallingFailure } from '../signalling-client';
import type { EndCause } from './meeting-types';

/** What a failed `room.join` means for the person. */
export type JoinOutcome =
  | { kind: 'passcode'; problem: 'required' | 'wrong' }
  | { kind: 'ended'; cause: EndCause }
  | { kind: 'retry' };

/** Maps the error of a `room.join` request (server code or the client's own) to what happens next. */
export function joinOutcome(code: SignallingFailure): JoinOutcome {
  switch (code) {
    case 'passcode_required':
      return { kind: 'passcode', problem: 'required' };
    case 'passcode_wrong':
      return { kind: 'passcode', problem: 'wrong' };
    case 'invitation_invalid':
    case 'not_found':
    case 'forbidden':
    case 'already_in_meeting':
    case 'meeting_full':
    case 'removed':
      return { kind: 'ended', cause: code };
    case 'meeting_locked':
      return { kind: 'ended', cause: 'locked' };
    case 'connect_failed':
    case 'closed':
    case 'timeout':
      return { kind: 'ended', cause: 'unreachable' };
    case 'rate_limited':
    case 'media_unavailable':
    case 'media_failed':
    case 'internal_error':
      return { kind: 'retry' };
    default:
      return { kind: 'ended', cause: 'unavailable' };
  }
}

/**
 * How the page after the meeting is worded (`meeting:ended.<key>`) and whether "join again" makes sense: not after
 * the host ended the meeting, removed or denied the person, or when the link is wrong.
 */
export function endPage(cause: EndCause): { key: string; canRejoin: boolean; tone: 'calm' | 'problem' } {
  switch (cause) {
    case 'host_ended':
      return { key: 'hostEnded', canRejoin: false, tone: 'calm' };
    case 'left':
      return { key: 'left', canRejoin: true, tone: 'calm' };
    case 'removed':
      return { key: 'removed', canRejoin: false, tone: 'problem' };
    case 'denied':
      return { key: 'denied', canRejoin: false, tone: 'problem' };
    case 'locked':
      return { key: 'locked', canRejoin: true, tone: 'problem' };
    case 'replaced':
      return { key: 'replaced', canRejoin: true, tone: 'calm' };
    case 'media_lost':
      return { key: 'mediaLost', canRejoin: true, tone: 'problem' };
    case 'server_shutdown':
      return { key: 'serverShutdown', canRejoin: true, tone: 'problem' };
    case 'invitation_invalid':
      return { key: 'invitationInvalid', canRejoin: false, tone: 'problem' };
    case 'not_found':
      return { key: 'notFound', canRejoin: false, tone: 'problem' };
    case 'forbidden':
      return { key: 'forbidden', canRejoin: false, tone: 'problem' };
    case 'already_in_meeting':
      // Nothing is wrong (they are in, elsewhere); rejoining works once the other window is closed.
      return { key: 'alreadyIn', canRejoin: true, tone: 'calm' };
    case 'meeting_full':
      return { key: 'full', canRejoin: true, tone: 'problem' };
    case 'unreachable':
      return { key: 'unreachable', canRejoin: true, tone: 'problem' };
    case 'connection_lost':
      return { key: 'connectionLost', canRejoin: true, tone: 'problem' };
    case 'unavailable':
      return { key: 'unavailable', canRejoin: true, tone: 'problem' };
  }
}

/** Error codes that may arrive without a request id while in the room, and the short notice shown for them. */
export function roomErrorNotice(code: SignallingFailure): 'busy' | 'media' | undefined {
  if (code === 'rate_limited') {
    return 'busy';
  }
  return code === 'media_failed' || code === 'media_unavailable' ? 'media' : undefined;
}
