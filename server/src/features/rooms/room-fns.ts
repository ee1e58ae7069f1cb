import { createHash, randomBytes } from 'node:crypto';
import type { RoomEntry, RoomRole, RoomSettings } from './rooms-types.js';

/**
 * The live meeting's state as plain immutable data, and its transitions as pure functions: every change makes
 * a new state, so that the live room can compare before and after and tell exactly the people concerned.
 */

export type ConnectionState = 'good' | 'weak' | 'reconnecting';
export type WaitingReason = 'waiting_room' | 'host_absent';

export interface Participant {
  /** Random, ours; never a Janus id. */
  readonly participantId: string;
  readonly identityKey: string;
  readonly displayName: string;
  readonly role: RoomRole;
  readonly via: 'browser' | 'phone';
  readonly status: 'waiting' | 'admitted';
  readonly waitingReason: WaitingReason | null;
  readonly micMuted: boolean;
  /**
   * A host muted them (or the meeting muted them on entry) and nobody has let them speak since. While
   * "participants may unmute themselves" is off, this keeps them muted.
   */
  readonly hostMuted: boolean;
  readonly cameraOn: boolean;
  readonly screenSharing: boolean;
  readonly handRaisedAt: number | null;
  readonly connection: ConnectionState;
}

export interface RoomState {
  readonly title: string;
  readonly settings: RoomSettings;
  readonly locked: boolean;
  readonly allowSelfUnmute: boolean;
  /** In arrival order (a Map keeps insertion order): the waiting list is first come, first served. */
  readonly participants: ReadonlyMap<string, Participant>;
  /** The "Redeliste": participant ids in the order their hands went up. */
  readonly handQueue: readonly string[];
  /** People removed from this meeting; they cannot come back while the live room exists. */
  readonly removedIdentities: ReadonlySet<string>;
}

/** Removals are rate-limited host actions; this only bounds memory against a runaway client. */
export const MAX_REMOVED_IDENTITIES = 1_000;

export function createRoomState(entry: Pick<RoomEntry, 'title' | 'settings'>): RoomState {
  return {
    title: entry.title,
    settings: entry.settings,
    locked: false,
    allowSelfUnmute: entry.settings.allowSelfUnmute,
    participants: new Map(),
    handQueue: [],
    removedIdentities: new Set(),
  };
}

/** Random participant id: 96 bits, URL-safe (fits the protocol's and Janus's id rules). */
export function newParticipantId(): string {
  return randomBytes(12).toString('base64url');
}

/** A resume token (256 bits) and the hash that is all the server keeps of it. */
export function createResumeToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashResumeToken(token) };
}

export function hashResumeToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export const isModerator = (participant: Participant): boolean => participant.role !== 'participant';

export function newParticipant(
  state: RoomState,
  entry: Pick<RoomEntry, 'identityKey' | 'role' | 'via'>,
  fields: {
    participantId: string;
    displayName: string;
    status: Participant['status'];
    /** The person's own choice on the pre-join screen (so the roster does not show an open microphone first). */
    micMuted?: boolean | undefined;
  },
): Participant {
  // "Mute on entry" is for participants; hosts and co-hosts moderate and must be heard.
  const muted = state.settings.muteOnEntry && entry.role === 'participant';
  return {
    participantId: fields.participantId,
    identityKey: entry.identityKey,
    displayName: fields.displayName,
    role: entry.role,
    via: entry.via ?? 'browser',
    status: fields.status,
    waitingReason: null,
    micMuted: muted || fields.micMuted === true,
    hostMuted: muted,
    cameraOn: false,
    screenSharing: false,
    handRaisedAt: null,
    connection: 'good',
  };
}

export function admittedOf(state: RoomState): Participant[] {
  return [...state.participants.values()].filter((participant) => participant.status === 'admitted');
}

export function waitingOf(state: RoomState): Participant[] {
  return [...state.participants.values()].filter((participant) => participant.status === 'waiting');
}

export function moderatorPresent(state: RoomState): boolean {
  return admittedOf(state).some(isModerator);
}

export function findByIdentity(state: RoomState, identityKey: string): Participant | undefined {
  return [...state.participants.values()].find((participant) => participant.identityKey === identityKey);
}

export function addParticipant(state: RoomState, participant: Participant): RoomState {
  const participants = new Map(state.participants);
  participants.set(participant.participantId, participant);
  return { ...state, participants };
}

/** Applies `patch` to one participant; the same state if they are not there or nothing changes. */
export function updateParticipant(
  state: RoomState,
  participantId: string,
  patch: Partial<Omit<Participant, 'participantId' | 'identityKey'>>,
): RoomState {
  const current = state.participants.get(participantId);
  if (!current) {
    return state;
  }
  const next = { ...current, ...patch };
  if ((Object.keys(patch) as Array<keyof typeof patch>).every((key) => current[key] === next[key])) {
    return state;
  }
  const participants = new Map(state.participants);
  participants.set(participantId, next);
  return { ...state, participants };
}

export function admit(state: RoomState, participantId: string): RoomState {
  return updateParticipant(state, participantId, { status: 'admitted', waitingReason: null });
}

/** Takes a participant out (left, denied, removed, grace over); their raised hand goes with them. */
export function removeParticipant(state: RoomState, participantId: string): RoomState {
  if (!state.participants.has(participantId)) {
    return state;
  }
  const participants = new Map(state.participants);
  participants.delete(participantId);
  return { ...state, participants, handQueue: state.handQueue.filter((id) => id !== participantId) };
}

/** Keeps a removed person out of this meeting (anonymous keys are random, so only that session is kept out). */
export function blockIdentity(state: RoomState, identityKey: string): RoomState {
  if (state.removedIdentities.has(identityKey) || state.removedIdentities.size >= MAX_REMOVED_IDENTITIES) {
    return state;
  }
  return { ...state, removedIdentities: new Set([...state.removedIdentities, identityKey]) };
}

/** Raising an already raised hand keeps its place in the queue. */
export function raiseHand(state: RoomState, participantId: string, now: number): RoomState {
  const participant = state.participants.get(participantId);
  if (!participant || participant.status !== 'admitted' || participant.handRaisedAt !== null) {
    return state;
  }
  const next = updateParticipant(state, participantId, { handRaisedAt: now });
  return { ...next, handQueue: [...state.handQueue, participantId] };
}

export function lowerHand(state: RoomState, participantId: string): RoomState {
  const next = updateParticipant(state, participantId, { handRaisedAt: null });
  return { ...next, handQueue: next.handQueue.filter((id) => id !== participantId) };
}

export function lowerAllHands(state: RoomState): RoomState {
  return state.handQueue.reduce(lowerHand, state);
}

/** The participant's own mic switch; unmuting lifts a host's mute (callers check `mayUnmuteSelf` first). */
export function setOwnMic(state: RoomState, participantId: string, muted: boolean): RoomState {
  return updateParticipant(
    state,
    participantId,
    muted ? { micMuted: true } : { micMuted: false, hostMuted: false },
  );
}

export function muteByHost(state: RoomState, participantId: string): RoomState {
  return updateParticipant(state, participantId, { micMuted: true, hostMuted: true });
}

/** "Mute all": every admitted participant except hosts and co-hosts. Returns who was newly muted. */
export function muteAllByHost(state: RoomState): { state: RoomState; muted: string[] } {
  const targets = admittedOf(state).filter(
    (participant) => !isModerator(participant) && !participant.micMuted,
  );
  const next = admittedOf(state)
    .filter((participant) => !isModerator(participant))
    .reduce((current, participant) => muteByHost(current, participant.participantId), state);
  return { state: next, muted: targets.map((participant) => participant.participantId) };
}

/** "Ask to unmute" lets them speak again, even while self-unmute is off; they still unmute themselves. */
export function allowToSpeak(state: RoomState, participantId: string): RoomState {
  return updateParticipant(state, participantId, { hostMuted: false });
}

/** Everyone's published video is gone with the media server: nothing may look live that is not. */
export function clearPublished(state: RoomState): RoomState {
  return [...state.participants.keys()].reduce(
    (current, id) => updateParticipant(current, id, { cameraOn: false, screenSharing: false }),
    state,
  );
}

export function screenSharer(state: RoomState): Participant | undefined {
  return [...state.participants.values()].find((participant) => participant.screenSharing);
}
