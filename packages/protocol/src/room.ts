import { z } from 'zod';
import { iceCandidate, requestId, sessionDescription } from './envelope.js';

/**
 * The live meeting over the signalling WebSocket. Ids here are our own random participant ids — never Janus ids,
 * handles or room secrets. Everything a client learns about a meeting arrives only after it is admitted.
 */

export const participantId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const displayName = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .refine((value) => !/\p{Cc}/u.test(value), 'no control characters');

const offer = sessionDescription.refine((value) => value.type === 'offer', 'expected an offer');
const answer = sessionDescription.refine((value) => value.type === 'answer', 'expected an answer');

/** How a browser proves it may enter: a personal invitation link, meeting ID + passcode, or a host's login cookie. */
export const roomCredential = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('invitation'), token: z.string().trim().min(16).max(128) }),
  z.object({
    kind: z.literal('meeting'),
    meetingId: z.string().regex(/^\d{10,16}$/),
    passcode: z.string().max(64).optional(),
  }),
  z.object({ kind: z.literal('host'), meetingId: z.string().regex(/^\d{10,16}$/) }),
]);
export type RoomCredential = z.infer<typeof roomCredential>;

export const videoKind = z.enum(['camera', 'screen']);
export type VideoKind = z.infer<typeof videoKind>;
export const reaction = z.enum(['thumbs_up', 'applause', 'heart', 'laugh', 'surprised']);
export const role = z.enum(['host', 'cohost', 'participant']);
export type Role = z.infer<typeof role>;
const target = z.union([participantId, z.literal('all')]);

export const roomClientMessages = [
  z.object({
    type: z.literal('room.join'),
    id: requestId,
    credential: roomCredential,
    displayName: displayName.optional(),
    /** From an earlier `room.joined`: keeps the place (no new trip through the waiting room) within the grace period. */
    resumeToken: z.string().max(128).optional(),
    /** The microphone as chosen before joining (a meeting that mutes on entry mutes participants anyway). */
    micMuted: z.boolean().optional(),
  }),
  z.object({ type: z.literal('room.leave') }),
  z.object({
    type: z.literal('audio.offer'),
    id: requestId,
    offer,
    /** The same PeerConnection renegotiates (ICE restart); without it the offer starts a new audio connection. */
    restart: z.boolean().optional(),
  }),
  z.object({ type: z.literal('audio.trickle'), candidate: iceCandidate }),
  z.object({
    type: z.literal('video.publish'),
    id: requestId,
    kind: videoKind,
    offer,
    /** The same PeerConnection renegotiates (ICE restart, track change); otherwise a new publication. */
    restart: z.boolean().optional(),
    /**
     * Order of the simulcast rids in the offer: `lmh` (lowest first, as the WebRTC spec's examples list
     * `sendEncodings`; the default) or `hml`. Janus cannot tell from the SDP.
     */
    ridOrder: z.enum(['lmh', 'hml']).optional(),
  }),
  z.object({ type: z.literal('video.unpublish'), kind: videoKind }),
  z.object({ type: z.literal('video.trickle'), kind: videoKind, candidate: iceCandidate }),
  z.object({
    type: z.literal('video.subscribe'),
    /** The complete set of tiles on screen; the server adds and removes streams to match. */
    feeds: z
      .array(z.object({ participantId, kind: videoKind, quality: z.enum(['low', 'medium', 'high']) }))
      .max(50),
    /** The client has no working receiving PeerConnection: the server starts a new subscription. */
    restart: z.boolean().optional(),
  }),
  z.object({ type: z.literal('video.subscriberAnswer'), revision: z.number().int().min(0), answer }),
  z.object({ type: z.literal('video.subscriberTrickle'), candidate: iceCandidate }),
  z.object({
    type: z.literal('self.update'),
    micMuted: z.boolean().optional(),
    cameraOn: z.boolean().optional(),
    handRaised: z.boolean().optional(),
    audioOnly: z.boolean().optional(),
  }),
  z.object({ type: z.literal('reaction.send'), reaction }),
  z.object({ type: z.literal('host.admit'), participantId: target }),
  z.object({ type: z.literal('host.deny'), participantId }),
  z.object({ type: z.literal('host.mute'), participantId: target }),
  z.object({ type: z.literal('host.askUnmute'), participantId }),
  z.object({ type: z.literal('host.stopVideo'), participantId }),
  z.object({ type: z.literal('host.remove'), participantId }),
  z.object({ type: z.literal('host.lock'), locked: z.boolean() }),
  z.object({ type: z.literal('host.setRole'), participantId, role: z.enum(['cohost', 'participant']) }),
  z.object({ type: z.literal('host.lowerHand'), participantId: target }),
  z.object({ type: z.literal('host.settings'), allowSelfUnmute: z.boolean() }),
  z.object({ type: z.literal('host.end') }),
] as const;

export const participantView = z.object({
  participantId,
  displayName: z.string(),
  role,
  via: z.enum(['browser', 'phone']),
  micMuted: z.boolean(),
  /** Muted by a host while "participants may unmute themselves" is off. */
  mutedByHost: z.boolean(),
  cameraOn: z.boolean(),
  screenSharing: z.boolean(),
  handRaisedAt: z.number().nullable(),
  connection: z.enum(['good', 'weak', 'reconnecting']),
});
export type ParticipantView = z.infer<typeof participantView>;

export const roomSettingsView = z.object({
  locked: z.boolean(),
  allowSelfUnmute: z.boolean(),
  chatEnabled: z.boolean(),
  screenShareLimit: z.number().int().min(1),
  /** Start with the camera off (the participant may turn it on). */
  cameraOffOnEntry: z.boolean().optional(),
});

export const endReason = z.enum([
  'host_ended',
  'removed',
  'denied',
  'locked',
  'media_lost',
  'replaced',
  'left',
  'server_shutdown',
]);

export const roomServerMessages = [
  z.object({
    type: z.literal('room.joined'),
    id: requestId,
    participantId,
    resumeToken: z.string(),
    status: z.enum(['waiting', 'admitted']),
  }),
  z.object({ type: z.literal('room.waiting'), reason: z.enum(['waiting_room', 'host_absent']) }),
  z.object({
    type: z.literal('room.state'),
    you: participantView,
    title: z.string(),
    participants: z.array(participantView),
    settings: roomSettingsView,
    /** Who is talking right now (the same news as `room.talking`, for someone who arrives mid-sentence). */
    talking: z.array(participantId).max(1000).optional(),
  }),
  z.object({ type: z.literal('room.participant'), participant: participantView }),
  z.object({ type: z.literal('room.participantLeft'), participantId }),
  z.object({ type: z.literal('room.settings'), settings: roomSettingsView }),
  z.object({
    type: z.literal('room.waitingList'),
    waiting: z.array(z.object({ participantId, displayName: z.string(), via: z.enum(['browser', 'phone']) })),
  }),
  z.object({ type: z.literal('room.talking'), participantId, talking: z.boolean() }),
  z.object({ type: z.literal('room.reaction'), participantId, reaction }),
  z.object({
    type: z.literal('room.notice'),
    notice: z.enum([
      'muted_by_host',
      'asked_to_unmute',
      'video_stopped_by_host',
      'hand_lowered',
      /** The media server was lost; the meeting goes on and `media.restart` follows once it is back. */
      'media_interrupted',
    ]),
  }),
  z.object({ type: z.literal('room.ended'), reason: endReason }),
  z.object({ type: z.literal('audio.answer'), id: requestId, answer: sessionDescription }),
  z.object({ type: z.literal('video.answer'), id: requestId, kind: videoKind, answer: sessionDescription }),
  z.object({
    type: z.literal('video.subscriberOffer'),
    revision: z.number().int().min(0),
    offer: sessionDescription,
    /** Which participant's stream each receiving transceiver (by mid) carries. */
    streams: z.array(z.object({ mid: z.string(), participantId, kind: videoKind })),
    /** Answer it on a new receiving PeerConnection (closing any old one), not as a renegotiation. */
    newConnection: z.boolean().optional(),
  }),
  /**
   * The media server was rebuilt (e.g. after a Janus restart): every earlier PeerConnection is dead. The client
   * sends a new `audio.offer`, `video.publish` for what it was sending and `video.subscribe` with `restart`.
   */
  z.object({ type: z.literal('media.restart') }),
] as const;
