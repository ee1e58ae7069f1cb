import type { ParticipantView, ServerMessage } from '@treffpunkt/protocol';
import { admittedOf, isModerator, waitingOf, type Participant, type RoomState } from './room-fns.js';

/**
 * What leaves the server about a room, built only from here. A waiting client is sent none of it: no roster,
 * no title, no settings (see live-room.ts, which sends these to admitted participants only).
 */

type Message<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

/** One screen share at a time: two shared screens are more than people can follow. */
export const SCREEN_SHARE_LIMIT = 1;

export function participantView(state: RoomState, participant: Participant): ParticipantView {
  return {
    participantId: participant.participantId,
    displayName: participant.displayName,
    role: participant.role,
    via: participant.via,
    micMuted: participant.micMuted,
    mutedByHost:
      participant.micMuted && participant.hostMuted && !isModerator(participant) && !state.allowSelfUnmute,
    cameraOn: participant.cameraOn,
    screenSharing: participant.screenSharing,
    handRaisedAt: participant.handRaisedAt,
    connection: participant.connection,
  };
}

export function settingsView(state: RoomState): Message<'room.settings'>['settings'] {
  return {
    locked: state.locked,
    allowSelfUnmute: state.allowSelfUnmute,
    chatEnabled: state.settings.chatEnabled,
    screenShareLimit: SCREEN_SHARE_LIMIT,
    cameraOffOnEntry: state.settings.cameraOffOnEntry,
  };
}

/** The snapshot an admitted participant gets on admission and on resuming. */
export function roomStateMessage(
  state: RoomState,
  you: Participant,
  talking: readonly string[] = [],
): Message<'room.state'> {
  const admitted = admittedOf(state);
  const present = new Set(admitted.map((participant) => participant.participantId));
  return {
    type: 'room.state',
    you: participantView(state, you),
    title: state.title,
    participants: admitted.map((participant) => participantView(state, participant)),
    settings: settingsView(state),
    talking: talking.filter((participantId) => present.has(participantId)),
  };
}

/** For hosts and co-hosts only. */
export function waitingListMessage(state: RoomState): Message<'room.waitingList'> {
  return {
    type: 'room.waitingList',
    waiting: waitingOf(state).map((participant) => ({
      participantId: participant.participantId,
      displayName: participant.displayName,
      via: participant.via,
    })),
  };
}
