import type { ServerMessage } from '@treffpunkt/protocol';
import type { AnnouncementKind, ParticipantView, RoomModel } from './meeting-types';

/**
 * What the meeting client must do because of a server message, besides showing the new state:
 * - `startMedia`: just admitted, or back after a reconnect (connections that survived are kept);
 * - `restartMedia`: the media server was rebuilt: every connection anew (`media.restart`);
 * - `stopMedia`: no longer in the room (sent back to the waiting room, out, or a new seat after a reconnect);
 * - `forceMute`: a host muted this person: close the microphone;
 * - `stopCamera`: a host stopped this person's video; `lowerHand`: a host lowered this person's hand;
 * - `chime`: someone new is in the waiting room (hosts hear a soft sound);
 * - `announce`: tell screen reader users (merged and throttled by the client).
 */
export type RoomEffect =
  | { type: 'startMedia' }
  | { type: 'restartMedia' }
  | { type: 'stopMedia' }
  | { type: 'forceMute' }
  | { type: 'stopCamera' }
  | { type: 'lowerHand' }
  | { type: 'chime' }
  | { type: 'announce'; kind: AnnouncementKind; name?: string };

export interface RoomUpdate {
  model: RoomModel;
  effects: RoomEffect[];
}

/** How many reactions are kept, and for how long they are shown. */
export const REACTION_LIMIT = 20;
export const REACTION_SHOWN_MS = 8000;

export function initialRoomModel(): RoomModel {
  return {
    phase: 'idle',
    ended: undefined,
    passcodeProblem: undefined,
    waitingReason: undefined,
    participantId: undefined,
    title: '',
    you: undefined,
    participants: [],
    waiting: [],
    settings: undefined,
    talking: [],
    reactions: [],
    notice: undefined,
    waitingArrivals: 0,
  };
}

const inRoomLike = new Set<RoomModel['phase']>(['in_room', 'reconnecting']);

/**
 * The one place where server messages become meeting state (style.md §14). Pure: the client applies the effects.
 * Replies to requests (`audio.answer` …) and errors with an id are handled where the request was made.
 */
export function reduceRoom(model: RoomModel, message: ServerMessage, now: number): RoomUpdate {
  switch (message.type) {
    case 'room.joined': {
      // Back after a reconnect but with a new seat (the grace period was over): the old connections are gone.
      const newSeat = model.participantId !== undefined && model.participantId !== message.participantId;
      const leaveMedia = inRoomLike.has(model.phase) && (message.status === 'waiting' || newSeat);
      return {
        model: {
          ...model,
          participantId: message.participantId,
          passcodeProblem: undefined,
          phase: message.status === 'waiting' ? 'waiting' : model.phase,
        },
        effects: leaveMedia ? [{ type: 'stopMedia' }] : [],
      };
    }
    case 'room.waiting':
      return {
        model: { ...model, phase: 'waiting', waitingReason: message.reason, talking: [] },
        effects: inRoomLike.has(model.phase) ? [{ type: 'stopMedia' }] : [],
      };
    case 'room.state': {
      const wasWaiting = model.phase === 'waiting';
      // A later snapshot while in the room changes nothing about the media; a first one (or after a reconnect) does.
      const effects: RoomEffect[] = model.phase === 'in_room' ? [] : [{ type: 'startMedia' }];
      if (wasWaiting) {
        effects.push({ type: 'announce', kind: 'admitted' });
      }
      const participants = message.participants.filter(
        (participant) => participant.participantId !== message.you.participantId,
      );
      // Who talks right now comes with the snapshot (servers before it sent none: keep what is known).
      const present = new Set([message.you.participantId, ...participants.map((p) => p.participantId)]);
      return {
        model: {
          ...model,
          phase: 'in_room',
          waitingReason: undefined,
          participantId: message.you.participantId,
          you: message.you,
          title: message.title,
          participants,
          settings: message.settings,
          talking: (message.talking ?? model.talking).filter((id) => present.has(id)),
        },
        effects,
      };
    }
    case 'room.participant':
      return participantChanged(model, message.participant);
    case 'room.participantLeft': {
      const leaving = model.participants.find(
        (participant) => participant.participantId === message.participantId,
      );
      if (!leaving) {
        return { model, effects: [] };
      }
      return {
        model: {
          ...model,
          participants: model.participants.filter((participant) => participant !== leaving),
          talking: model.talking.filter((id) => id !== message.participantId),
        },
        effects: [{ type: 'announce', kind: 'left', name: leaving.displayName }],
      };
    }
    case 'room.settings': {
      const effects: RoomEffect[] = [];
      if (model.settings && model.settings.locked !== message.settings.locked) {
        effects.push({ type: 'announce', kind: message.settings.locked ? 'locked' : 'unlocked' });
      }
      return { model: { ...model, settings: message.settings }, effects };
    }
    case 'room.waitingList': {
      const known = new Set(model.waiting.map((entry) => entry.participantId));
      const arrivals = message.waiting.filter((entry) => !known.has(entry.participantId));
      const effects: RoomEffect[] = arrivals.map((entry) => ({
        type: 'announce',
        kind: 'waitingArrived',
        name: entry.displayName,
      }));
      if (arrivals.length > 0) {
        effects.unshift({ type: 'chime' });
      }
      return {
        model: {
          ...model,
          waiting: message.waiting,
          waitingArrivals: model.waitingArrivals + (arrivals.length > 0 ? 1 : 0),
        },
        effects,
      };
    }
    case 'room.talking': {
      const others = model.talking.filter((id) => id !== message.participantId);
      return {
        model: { ...model, talking: message.talking ? [...others, message.participantId] : others },
        effects: [],
      };
    }
    case 'room.reaction': {
      const last = model.reactions.at(-1)?.seq ?? 0;
      const kept = pruneReactions(model.reactions, now).slice(-(REACTION_LIMIT - 1));
      const reaction = {
        seq: last + 1,
        participantId: message.participantId,
        reaction: message.reaction,
        at: now,
      };
      return { model: { ...model, reactions: [...kept, reaction] }, effects: [] };
    }
    case 'room.notice':
      return noticeReceived(model, message.notice);
    case 'media.restart':
      return {
        model: { ...model, notice: model.notice === 'media_interrupted' ? undefined : model.notice },
        effects: inRoomLike.has(model.phase)
          ? [{ type: 'restartMedia' }, { type: 'announce', kind: 'mediaRestored' }]
          : [],
      };
    case 'room.ended':
      if (
        message.reason === 'server_shutdown' &&
        (inRoomLike.has(model.phase) || model.phase === 'waiting')
      ) {
        // The server is restarting (an update, systemd): it keeps the room's memory, and the socket's reconnect
        // brings this person back to their seat by themselves. Only this process's media is gone.
        return {
          model: { ...model, phase: 'reconnecting', talking: [] },
          effects: [{ type: 'stopMedia' }, { type: 'announce', kind: 'reconnecting' }],
        };
      }
      return {
        model: { ...model, phase: 'ended', ended: message.reason, talking: [], waiting: [] },
        effects: [{ type: 'stopMedia' }],
      };
    case 'error':
      if (message.id === undefined && message.error === 'removed') {
        return {
          model: { ...model, phase: 'ended', ended: 'removed', talking: [], waiting: [] },
          effects: [{ type: 'stopMedia' }],
        };
      }
      return { model, effects: [] };
    default:
      return { model, effects: [] };
  }
}

function participantChanged(model: RoomModel, participant: ParticipantView): RoomUpdate {
  if (participant.participantId === model.participantId) {
    const effects: RoomEffect[] = [];
    if (model.you && model.you.role !== participant.role) {
      effects.push({ type: 'announce', kind: 'roleChanged' });
    }
    if (participant.mutedByHost && model.settings?.allowSelfUnmute === false && !model.you?.mutedByHost) {
      effects.push({ type: 'forceMute' });
    }
    return { model: { ...model, you: participant }, effects };
  }
  const index = model.participants.findIndex(
    (existing) => existing.participantId === participant.participantId,
  );
  if (index === -1) {
    return {
      model: { ...model, participants: [...model.participants, participant] },
      effects:
        model.phase === 'in_room'
          ? [{ type: 'announce', kind: 'joined', name: participant.displayName }]
          : [],
    };
  }
  const before = model.participants[index];
  const participants = model.participants.map((existing, position) =>
    position === index ? participant : existing,
  );
  const raised = before?.handRaisedAt === null && participant.handRaisedAt !== null;
  return {
    model: { ...model, participants },
    effects: raised ? [{ type: 'announce', kind: 'handRaised', name: participant.displayName }] : [],
  };
}

function noticeReceived(model: RoomModel, notice: RoomModel['notice'] & string): RoomUpdate {
  const next = { ...model, notice };
  switch (notice) {
    case 'muted_by_host':
      return { model: next, effects: [{ type: 'forceMute' }, { type: 'announce', kind: 'mutedByHost' }] };
    case 'asked_to_unmute':
      return { model: next, effects: [{ type: 'announce', kind: 'askedToUnmute' }] };
    case 'video_stopped_by_host':
      return {
        model: next,
        effects: [{ type: 'stopCamera' }, { type: 'announce', kind: 'videoStoppedByHost' }],
      };
    case 'hand_lowered':
      return { model: next, effects: [{ type: 'lowerHand' }, { type: 'announce', kind: 'handLowered' }] };
    case 'media_interrupted':
      return { model: next, effects: [{ type: 'announce', kind: 'mediaInterrupted' }] };
  }
}

/** Drops reactions older than {@link REACTION_SHOWN_MS}. Returns the same array when nothing expired. */
export function pruneReactions(reactions: RoomModel['reactions'], now: number): RoomModel['reactions'] {
  const fresh = reactions.filter((reaction) => now - reaction.at < REACTION_SHOWN_MS);
  return fresh.length === reactions.length ? reactions : fresh;
}

/** Raised hands in the order they went up (the "Redeliste"), including this person's own. */
export function handQueue(
  you: ParticipantView | undefined,
  participants: readonly ParticipantView[],
): ParticipantView[] {
  const everyone = you ? [you, ...participants] : [...participants];
  return everyone
    .filter((participant) => participant.handRaisedAt !== null)
    .sort(
      (a, b) =>
        (a.handRaisedAt ?? 0) - (b.handRaisedAt ?? 0) ||
        a.displayName.localeCompare(b.displayName, 'de') ||
        a.participantId.localeCompare(b.participantId),
    );
}

/** True for hosts and co-hosts: they see the waiting room and the host menu. */
export function isModerator(participant: ParticipantView | undefined): boolean {
  return participant?.role === 'host' || participant?.role === 'cohost';
}
