import type { HandlerTable } from '../signalling/signalling-types.js';
import {
  admitWaiting,
  askToUnmute,
  changeSettings,
  denyWaiting,
  endMeeting,
  lockMeeting,
  lowerHands,
  muteByModerator,
  removeParticipant,
  sendReaction,
  setRole,
  stopVideo,
  updateSelf,
} from './room-actions.js';
import {
  answerSubscription,
  offerAudio,
  publishVideo,
  subscribeVideo,
  trickle,
  unpublishVideo,
} from './room-media-actions.js';
import type { RoomRegistry } from './room-service.js';

/**
 * Signalling for the live meeting: each handler finds the connection's seat and calls one action; the actions
 * check permissions and limits. Errors (AppError, media errors) reach the client as `error` with the request id.
 * Candidates from a connection without a seat are dropped quietly: they race with leaving all the time.
 */
export function roomsHandlers(deps: { registry: RoomRegistry }): HandlerTable {
  const { registry } = deps;
  return {
    'room.join': (context, message) => registry.join(context, message),
    'room.leave': (context) => {
      const { room, participantId } = registry.seatOf(context);
      room.dropSeat(participantId, 'left');
    },

    'audio.offer': async (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      const answer = await offerAudio(room, participantId, message);
      context.send({ type: 'audio.answer', id: message.id, answer });
    },
    'audio.trickle': async (context, message) => {
      const seat = registry.findSeat(context);
      if (seat) {
        await trickle(seat.room, seat.participantId, 'audio', message.candidate);
      }
    },
    'video.publish': async (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      const answer = await publishVideo(room, participantId, message);
      context.send({ type: 'video.answer', id: message.id, kind: message.kind, answer });
    },
    'video.unpublish': async (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      await unpublishVideo(room, participantId, message.kind);
    },
    'video.trickle': async (context, message) => {
      const seat = registry.findSeat(context);
      if (seat) {
        await trickle(seat.room, seat.participantId, message.kind, message.candidate);
      }
    },
    'video.subscribe': (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      subscribeVideo(room, participantId, message);
    },
    'video.subscriberAnswer': async (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      await answerSubscription(room, participantId, message);
    },
    'video.subscriberTrickle': async (context, message) => {
      const seat = registry.findSeat(context);
      if (seat) {
        await trickle(seat.room, seat.participantId, 'subscriber', message.candidate);
      }
    },

    'self.update': async (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      await updateSelf(room, participantId, message);
    },
    'reaction.send': (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      sendReaction(room, participantId, message);
    },

    'host.admit': (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      admitWaiting(room, participantId, message.participantId);
    },
    'host.deny': (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      denyWaiting(room, participantId, message.participantId);
    },
    'host.mute': async (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      await muteByModerator(room, participantId, message.participantId);
    },
    'host.askUnmute': (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      askToUnmute(room, participantId, message.participantId);
    },
    'host.stopVideo': async (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      await stopVideo(room, participantId, message.participantId);
    },
    'host.remove': (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      removeParticipant(room, participantId, message.participantId);
    },
    'host.lock': (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      lockMeeting(room, participantId, message.locked);
    },
    'host.setRole': (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      setRole(room, participantId, message.participantId, message.role);
    },
    'host.lowerHand': (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      lowerHands(room, participantId, message.participantId);
    },
    'host.settings': (context, message) => {
      const { room, participantId } = registry.seatOf(context);
      changeSettings(room, participantId, message);
    },
    'host.end': async (context) => {
      const { room, participantId } = registry.seatOf(context);
      await endMeeting(room, participantId);
    },
  };
}
