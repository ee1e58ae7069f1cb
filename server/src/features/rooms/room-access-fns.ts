import { AppError } from '../../http/errors.js';
import type { RoomEntry, RoomRole } from './rooms-types.js';
import {
  admit,
  admittedOf,
  findByIdentity,
  isModerator,
  moderatorPresent,
  updateParticipant,
  waitingOf,
  type Participant,
  type RoomState,
  type WaitingReason,
} from './room-fns.js';

/** Who may enter, wait, act on whom: the server's rules, pure. */

export type RoomAction =
  | 'admit'
  | 'admitAll'
  | 'muteAll'
  | 'lowerAllHands'
  | 'deny'
  | 'mute'
  | 'askUnmute'
  | 'stopVideo'
  | 'remove'
  | 'lock'
  | 'setRole'
  | 'lowerHand'
  | 'settings'
  | 'end'
  | 'seeWaitingList'
  | 'publish'
  | 'react'
  | 'raiseHand';

const rank: Record<RoomRole, number> = { participant: 0, cohost: 1, host: 2 };

/**
 * Whether `actor` may do `action` (to `target`). Only admitted people act. Hosts and co-hosts moderate;
 * nobody moderates someone of a higher role; removing needs a strictly higher role (a co-host cannot remove
 * a co-host, a host cannot remove another host); ending the meeting and appointing co-hosts are the host's.
 */
export function can(actor: Participant, action: RoomAction, target?: Participant): boolean {
  if (actor.status !== 'admitted') {
    return false;
  }
  const moderator = isModerator(actor);
  switch (action) {
    case 'publish':
    case 'react':
    case 'raiseHand':
      return true;
    case 'lock':
    case 'settings':
    case 'seeWaitingList':
    case 'admitAll':
    case 'muteAll':
    case 'lowerAllHands':
      return moderator;
    case 'end':
      return actor.role === 'host';
    case 'admit':
    case 'deny':
      return moderator && target?.status === 'waiting';
    default:
      return target !== undefined && target.status === 'admitted' && canActOn(actor, action, target);
  }
}

function canActOn(
  actor: Participant,
  action: 'mute' | 'askUnmute' | 'stopVideo' | 'remove' | 'setRole' | 'lowerHand',
  target: Participant,
): boolean {
  const moderator = isModerator(actor);
  const self = actor.participantId === target.participantId;
  switch (action) {
    case 'lowerHand':
      return self || moderator;
    case 'mute':
    case 'stopVideo':
      return moderator && rank[target.role] <= rank[actor.role];
    case 'askUnmute':
      return moderator && !self && rank[target.role] <= rank[actor.role];
    case 'remove':
      return moderator && !self && rank[target.role] < rank[actor.role];
    case 'setRole':
      return actor.role === 'host' && target.role !== 'host';
  }
}

/** Unmuting oneself is refused only to a participant a host muted while self-unmute is off. */
export function mayUnmuteSelf(state: RoomState, participant: Participant): boolean {
  return isModerator(participant) || state.allowSelfUnmute || !participant.hostMuted;
}

export type EntryDecision =
  | { outcome: 'admit' }
  | { outcome: 'wait'; reason: WaitingReason }
  | { outcome: 'refuse'; code: 'removed' | 'meeting_locked' | 'meeting_full' };

const refusals = {
  removed: [403, 'You were removed from this meeting and cannot join it again.'],
  meeting_locked: [403, 'The meeting is locked: nobody new can join right now.'],
  meeting_full: [409, 'The meeting is full.'],
} as const;

/** The error a refused entry reaches the client as (the code is the protocol's). */
export function refusal(code: Extract<EntryDecision, { outcome: 'refuse' }>['code']): AppError {
  const [status, message] = refusals[code];
  return new AppError(code, status, message);
}

/** Participants wait while the waiting room is on, or while no host is there and they may not start without. */
function mustWait(state: RoomState): boolean {
  return state.settings.waitingRoom || (!state.settings.joinBeforeHost && !moderatorPresent(state));
}

const waitingReason = (state: RoomState): WaitingReason =>
  moderatorPresent(state) ? 'waiting_room' : 'host_absent';

/**
 * A new seat: removed people are refused; hosts and co-hosts enter directly (even when locked or full: a
 * meeting must never lock out its own host); others are refused when locked, wait when they must, and are
 * refused when the meeting (or its waiting list, bounded to the same size) is full.
 */
export function decideEntry(state: RoomState, entry: Pick<RoomEntry, 'role' | 'identityKey'>): EntryDecision {
  if (state.removedIdentities.has(entry.identityKey)) {
    return { outcome: 'refuse', code: 'removed' };
  }
  if (entry.role !== 'participant') {
    return { outcome: 'admit' };
  }
  if (state.locked) {
    return { outcome: 'refuse', code: 'meeting_locked' };
  }
  const limit = state.settings.maxParticipants;
  if (mustWait(state)) {
    return waitingOf(state).length >= limit
      ? { outcome: 'refuse', code: 'meeting_full' }
      : { outcome: 'wait', reason: waitingReason(state) };
  }
  return admittedOf(state).length >= limit
    ? { outcome: 'refuse', code: 'meeting_full' }
    : { outcome: 'admit' };
}

/**
 * Re-applies the rules to everyone waiting after any change (a host arrived or left, a seat freed up):
 * those who need no admission any more are let in, in arrival order and up to the limit; the others' reason
 * follows whether a host is there to admit them. A locked meeting admits only by a host's hand.
 */
export function settleWaiting(state: RoomState): RoomState {
  let next = state;
  for (const waiting of waitingOf(state)) {
    const free = admittedOf(next).length < next.settings.maxParticipants;
    if (!mustWait(next) && !next.locked && free) {
      next = admit(next, waiting.participantId);
    } else {
      next = updateParticipant(next, waiting.participantId, { waitingReason: waitingReason(next) });
    }
  }
  return next;
}

const isAnonymous = (identityKey: string) => identityKey.startsWith('anonymous:');

export type RejoinDecision =
  | { kind: 'resume'; participantId: string }
  | { kind: 'take_over'; participantId: string }
  | { kind: 'duplicate' }
  | { kind: 'new' };

/**
 * A `room.join` of someone who may already have a seat. A valid resume token takes its seat back (the other
 * window, if still open, is replaced) when the credential is the same person's, or both are anonymous. Without it, a seat of the same person that is reconnecting is taken
 * over; one that is connected is not silently kicked: the new window is refused.
 */
export function decideRejoin(
  state: RoomState,
  identityKey: string,
  resumedSeat: string | undefined,
): RejoinDecision {
  const resumed = resumedSeat === undefined ? undefined : state.participants.get(resumedSeat);
  // Anonymous keys are new at every resolve: for them the token is the proof. A personal credential must be
  // the seat's own, so that a token is no use to anyone else with their own invitation.
  const anonymous = isAnonymous(identityKey) && resumed !== undefined && isAnonymous(resumed.identityKey);
  if (resumed && (resumed.identityKey === identityKey || anonymous)) {
    return { kind: 'resume', participantId: resumed.participantId };
  }
  const existing = findByIdentity(state, identityKey);
  if (!existing) {
    return { kind: 'new' };
  }
  return existing.connection === 'reconnecting'
    ? { kind: 'take_over', participantId: existing.participantId }
    : { kind: 'duplicate' };
}
