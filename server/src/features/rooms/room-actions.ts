import type { ClientMessage, ServerMessage } from '@treffpunkt/protocol';
import { AppError, forbidden } from '../../http/errors.js';
import type { LiveRoom } from './live-room.js';
import { can, mayUnmuteSelf, type RoomAction } from './room-access-fns.js';
import {
  admit,
  admittedOf,
  allowToSpeak,
  blockIdentity,
  lowerAllHands,
  lowerHand,
  muteAllByHost,
  muteByHost,
  raiseHand,
  setOwnMic,
  updateParticipant,
  waitingOf,
  type Participant,
  type RoomState,
} from './room-fns.js';

/**
 * What people do in a meeting, each checked on the server: validate → rate limit → `can` → state change →
 * media. Host actions share one rate limit per person, reactions and self updates have their own.
 */

type Message<T extends ClientMessage['type']> = Extract<ClientMessage, { type: T }>;
type Notice = Extract<ServerMessage, { type: 'room.notice' }>['notice'];

const notAllowed = () => forbidden('Only a host or co-host can do this.');
const meetingFull = () =>
  new AppError('meeting_full', 409, 'The meeting is full. Someone has to leave first.');

/** The acting participant, after spending one of their host actions. */
function moderatorAction(room: LiveRoom, actorId: string, action: RoomAction): Participant {
  room.take(actorId, 'hostActions');
  const actor = room.participant(actorId);
  if (!can(actor, action)) {
    throw notAllowed();
  }
  return actor;
}

/** The actor and the person acted on, after the permission check. */
function onTarget(room: LiveRoom, actorId: string, action: RoomAction, targetId: string) {
  room.take(actorId, 'hostActions');
  const actor = room.participant(actorId);
  const target = room.state.participants.get(targetId);
  if (!target) {
    throw new AppError('not_found', 404, 'This person is no longer in the meeting.');
  }
  if (!can(actor, action, target)) {
    throw forbidden('You may not do this to this person.');
  }
  return { actor, target };
}

function notify(room: LiveRoom, participantId: string, notice: Notice): void {
  room.sendTo(participantId, { type: 'room.notice', notice });
}

export function admitWaiting(room: LiveRoom, actorId: string, targetId: string): void {
  const limit = room.state.settings.maxParticipants;
  if (targetId === 'all') {
    moderatorAction(room, actorId, 'admitAll');
    // Arrival order, up to the limit; whoever does not fit keeps waiting.
    room.apply((state) =>
      waitingOf(state).reduce(
        (current, waiting) =>
          admittedOf(current).length < limit ? admit(current, waiting.participantId) : current,
        state,
      ),
    );
    return;
  }
  onTarget(room, actorId, 'admit', targetId);
  if (admittedOf(room.state).length >= limit) {
    throw meetingFull();
  }
  room.apply((state) => admit(state, targetId));
}

export function denyWaiting(room: LiveRoom, actorId: string, targetId: string): void {
  onTarget(room, actorId, 'deny', targetId);
  room.dropSeat(targetId, 'denied');
}

export async function muteByModerator(room: LiveRoom, actorId: string, targetId: string): Promise<void> {
  if (targetId === 'all') {
    moderatorAction(room, actorId, 'muteAll');
    const { state, muted } = muteAllByHost(room.state);
    room.apply(() => state);
    muted.forEach((id) => notify(room, id, 'muted_by_host'));
    await Promise.all(muted.map((id) => room.mediaOf(id).syncMute()));
    return;
  }
  const { actor } = onTarget(room, actorId, 'mute', targetId);
  room.apply((state) => muteByHost(state, targetId));
  if (actor.participantId !== targetId) {
    notify(room, targetId, 'muted_by_host');
  }
  await room.mediaOf(targetId).syncMute();
}

export function askToUnmute(room: LiveRoom, actorId: string, targetId: string): void {
  onTarget(room, actorId, 'askUnmute', targetId);
  room.apply((state) => allowToSpeak(state, targetId));
  notify(room, targetId, 'asked_to_unmute');
}

/** Stops camera and screen share; like Zoom, the participant may start them again. */
export async function stopVideo(room: LiveRoom, actorId: string, targetId: string): Promise<void> {
  onTarget(room, actorId, 'stopVideo', targetId);
  const media = room.mediaOf(targetId);
  await Promise.all([media.unpublish('camera'), media.unpublish('screen')]);
  room.apply((state) => updateParticipant(state, targetId, { cameraOn: false, screenSharing: false }));
  notify(room, targetId, 'video_stopped_by_host');
}

export function removeParticipant(room: LiveRoom, actorId: string, targetId: string): void {
  const { target } = onTarget(room, actorId, 'remove', targetId);
  room.apply((state) => blockIdentity(state, target.identityKey));
  room.dropSeat(targetId, 'removed');
}

export function lockMeeting(room: LiveRoom, actorId: string, locked: boolean): void {
  moderatorAction(room, actorId, 'lock');
  room.apply((state): RoomState => ({ ...state, locked }));
}

export function setRole(
  room: LiveRoom,
  actorId: string,
  targetId: string,
  role: 'cohost' | 'participant',
): void {
  onTarget(room, actorId, 'setRole', targetId);
  room.apply((state) => updateParticipant(state, targetId, { role }));
}

export function lowerHands(room: LiveRoom, actorId: string, targetId: string): void {
  if (targetId === 'all') {
    moderatorAction(room, actorId, 'lowerAllHands');
    const raised = room.state.handQueue.filter((id) => id !== actorId);
    room.apply(lowerAllHands);
    raised.forEach((id) => notify(room, id, 'hand_lowered'));
    return;
  }
  const { target } = onTarget(room, actorId, 'lowerHand', targetId);
  room.apply((state) => lowerHand(state, targetId));
  if (targetId !== actorId && target.handRaisedAt !== null) {
    notify(room, targetId, 'hand_lowered');
  }
}

export function changeSettings(room: LiveRoom, actorId: string, message: Message<'host.settings'>): void {
  moderatorAction(room, actorId, 'settings');
  room.apply((state): RoomState => ({ ...state, allowSelfUnmute: message.allowSelfUnmute }));
}

export async function endMeeting(room: LiveRoom, actorId: string): Promise<void> {
  moderatorAction(room, actorId, 'end');
  await room.end('host_ended');
}

/**
 * The participant's own mic, camera flag and hand. Unmuting is refused while a host's mute holds. The camera
 * flag follows a live camera publisher only (`cameraOn: true` without one changes nothing); `audioOnly` is
 * the client's own choice of what to subscribe and needs nothing here.
 */
export async function updateSelf(
  room: LiveRoom,
  participantId: string,
  message: Message<'self.update'>,
): Promise<void> {
  room.take(participantId, 'selfUpdates');
  const me = room.participant(participantId);
  if (me.status !== 'admitted') {
    throw forbidden('You have not been let in yet.');
  }
  if (message.micMuted === false && me.micMuted && !mayUnmuteSelf(room.state, me)) {
    throw forbidden('The host has muted you. You can raise your hand to ask to speak.');
  }
  const media = room.mediaOf(participantId);
  room.apply((state) => {
    let next = state;
    if (message.micMuted !== undefined) {
      next = setOwnMic(next, participantId, message.micMuted);
    }
    if (message.handRaised !== undefined) {
      next = message.handRaised ? raiseHand(next, participantId, room.now()) : lowerHand(next, participantId);
    }
    if (message.cameraOn !== undefined) {
      next = updateParticipant(next, participantId, {
        cameraOn: message.cameraOn && media.hasPublisher('camera'),
      });
    }
    return next;
  });
  if (message.micMuted !== undefined) {
    await media.syncMute();
  }
}

export function sendReaction(room: LiveRoom, participantId: string, message: Message<'reaction.send'>): void {
  room.take(participantId, 'reactions');
  if (!can(room.participant(participantId), 'react')) {
    throw forbidden('You have not been let in yet.');
  }
  room.broadcast({ type: 'room.reaction', participantId, reaction: message.reaction });
}
