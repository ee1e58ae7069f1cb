import type { ClientMessage, VideoKind } from '@treffpunkt/protocol';
import { AppError, forbidden } from '../../http/errors.js';
import type { LegCandidate, SdpAnswer, SdpOffer } from '../../media/rooms/room-types.js';
import type { LiveRoom } from './live-room.js';
import type { LegKey } from './participant-media.js';
import { can } from './room-access-fns.js';
import { screenSharer, updateParticipant } from './room-fns.js';

/**
 * Media requests of a participant. Only admitted people get any media: a waiting client can neither send
 * into the meeting nor receive from it.
 */

type Message<T extends ClientMessage['type']> = Extract<ClientMessage, { type: T }>;

function requireAdmitted(room: LiveRoom, participantId: string): void {
  if (!can(room.participant(participantId), 'publish')) {
    throw forbidden('You have not been let in yet.');
  }
}

/**
 * An end-to-end encrypted meeting must never run through the mixer in clear: until E2EE media (VideoRoom only,
 * encoded transforms) exists, such a meeting gets no media rather than a false promise.
 */
function requireMediaAllowed(room: LiveRoom): void {
  if (room.state.settings.e2ee) {
    throw new AppError(
      'media_unavailable',
      503,
      'End-to-end encrypted meetings are not available on this server yet. Please ask the host.',
    );
  }
}

const flag = (kind: VideoKind, on: boolean) => (kind === 'camera' ? { cameraOn: on } : { screenSharing: on });

export function offerAudio(
  room: LiveRoom,
  participantId: string,
  message: Message<'audio.offer'>,
): Promise<SdpAnswer> {
  requireAdmitted(room, participantId);
  requireMediaAllowed(room);
  return room.mediaOf(participantId).offerAudio(toOffer(message.offer.sdp), message.restart === true);
}

/**
 * Publishes a camera or screen. One screen share at a time: the share is claimed in the room state before
 * Janus is asked, so that two people starting at once cannot both get it; a failed publish gives it back.
 */
export async function publishVideo(
  room: LiveRoom,
  participantId: string,
  message: Message<'video.publish'>,
): Promise<SdpAnswer> {
  requireAdmitted(room, participantId);
  requireMediaAllowed(room);
  const { kind } = message;
  const media = room.mediaOf(participantId);
  if (kind === 'screen') {
    const sharer = screenSharer(room.state);
    if (sharer && sharer.participantId !== participantId) {
      throw forbidden('Someone else is sharing their screen. You can share yours when they have finished.');
    }
  }
  const hadPublisher = media.hasPublisher(kind);
  if (kind === 'screen') {
    room.apply((state) => updateParticipant(state, participantId, { screenSharing: true }));
  }
  try {
    const answer = await media.publish(
      kind,
      toOffer(message.offer.sdp),
      message.restart === true,
      message.ridOrder ?? 'lmh',
    );
    room.apply((state) => updateParticipant(state, participantId, flag(kind, true)));
    return answer;
  } catch (error) {
    if (!media.hasPublisher(kind) && !hadPublisher) {
      room.apply((state) => updateParticipant(state, participantId, flag(kind, false)));
    }
    throw error;
  }
}

export async function unpublishVideo(room: LiveRoom, participantId: string, kind: VideoKind): Promise<void> {
  const media = room.mediaOf(participantId);
  await media.unpublish(kind);
  room.apply((state) => updateParticipant(state, participantId, flag(kind, false)));
}

export function subscribeVideo(
  room: LiveRoom,
  participantId: string,
  message: Message<'video.subscribe'>,
): void {
  requireAdmitted(room, participantId);
  room.mediaOf(participantId).subscribe(message.feeds, message.restart === true);
}

export function answerSubscription(
  room: LiveRoom,
  participantId: string,
  message: Message<'video.subscriberAnswer'>,
): Promise<void> {
  requireAdmitted(room, participantId);
  return room.mediaOf(participantId).answerSubscription(message.revision, {
    type: 'answer',
    sdp: message.answer.sdp,
  });
}

/** Candidates race with everything (leaving, being let in): from someone not admitted they are dropped. */
export async function trickle(
  room: LiveRoom,
  participantId: string,
  key: LegKey,
  candidate: LegCandidate,
): Promise<void> {
  if (room.state.participants.get(participantId)?.status !== 'admitted') {
    return;
  }
  await room.mediaOf(participantId).trickle(key, candidate);
}

function toOffer(sdp: string): SdpOffer {
  return { type: 'offer', sdp };
}
