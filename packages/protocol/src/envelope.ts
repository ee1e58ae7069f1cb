import { z } from 'zod';

/** Client-chosen id that ties a reply to its request. */
export const requestId = z.string().trim().min(1).max(64);

/** Largest signalling message the server accepts, in bytes (SDP offers with simulcast stay well below). */
export const MAX_MESSAGE_BYTES = 64 * 1024;

export const sessionDescription = z.object({
  type: z.enum(['offer', 'answer']),
  sdp: z.string().min(1).max(60_000),
});
export type SessionDescription = z.infer<typeof sessionDescription>;

/** One trickled ICE candidate, or `null` when the browser has finished gathering. */
export const iceCandidate = z
  .object({
    candidate: z.string().max(1024),
    sdpMid: z.string().max(64).nullable().optional(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
  })
  .nullable();
export type IceCandidate = z.infer<typeof iceCandidate>;

/** Error codes that can arrive over the WebSocket, shared with HTTP where they overlap. */
export const signallingErrorCodes = [
  'invalid_message',
  'message_too_large',
  'unknown_type',
  'rate_limited',
  'forbidden',
  'not_found',
  'passcode_required',
  'passcode_wrong',
  'invitation_invalid',
  'meeting_locked',
  'meeting_full',
  'removed',
  /** The same person is in this meeting in another window or on another device (never kicked silently). */
  'already_in_meeting',
  'not_in_room',
  'media_unavailable',
  'media_failed',
  'internal_error',
] as const;
export type SignallingErrorCode = (typeof signallingErrorCodes)[number];
