import { forbidden } from '../../http/errors.js';
import type { LiveRoom } from './live-room.js';
import { isModerator, type Participant } from './room-fns.js';

/**
 * Who may use the features that live beside the room (chat, polls): only people who were let in; waiting
 * people get nothing and may do nothing but wait. `refusal` says why in the feature's words.
 */
export function admittedSender(room: LiveRoom, participantId: string, refusal: string): Participant {
  const participant = room.participant(participantId);
  if (participant.status !== 'admitted') {
    throw forbidden(refusal);
  }
  return participant;
}

/** Hosts and co-hosts only; each such action counts against the sender's host-action limit. */
export function moderatorSender(room: LiveRoom, participantId: string, refusal: string): Participant {
  const participant = admittedSender(room, participantId, refusal);
  if (!isModerator(participant)) {
    throw forbidden('Only hosts and co-hosts may do this.');
  }
  room.take(participantId, 'hostActions');
  return participant;
}
