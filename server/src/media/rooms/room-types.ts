import type { JanusCandidate } from '../janus-types.js';

/** An SDP offer as the browser (or Janus, for subscriptions) makes it. */
export type SdpOffer = {
  type: 'offer';
  sdp: string;
};

/** An SDP answer. */
export type SdpAnswer = {
  type: 'answer';
  sdp: string;
};

/** A browser ICE candidate as the signalling layer passes it; `null` (or an empty candidate) ends gathering. */
export type LegCandidate = JanusCandidate | null;

/**
 * Why a leg (AudioLeg, Publisher, Subscriber) closed:
 * - `closed`: its owner called `close()`;
 * - `replaced`: a new leg for the same participant (and kind) took its place;
 * - `kicked`: the room kicked the participant;
 * - `hangup`: Janus tore the PeerConnection (or plain-RTP socket) down — ICE/DTLS failed or the peer left;
 * - `room_closed`: the room was destroyed;
 * - `janus_lost`: the Janus node went down (or forgot the session): rebuild.
 */
export type LegCloseReason = 'closed' | 'replaced' | 'kicked' | 'hangup' | 'room_closed' | 'janus_lost';

export type LegEvents = {
  /** Janus hung up the PeerConnection; `closed` with reason `hangup` follows at once. */
  hangup: [reason: string];
  /** Emitted once, whatever the cause. */
  closed: [reason: LegCloseReason];
};

/**
 * Why a room closed: `destroyed` by its owner, `destroyed_in_janus` by someone else (never us: a bug or an
 * operator), `janus_lost` when the node went down or our control session died — the room service rebuilds.
 */
export type RoomCloseReason = 'destroyed' | 'destroyed_in_janus' | 'janus_lost';

/** What a published stream looks like to the room service (no display names: those stay in the room state). */
export interface PublishedStream {
  mid: string;
  type: 'audio' | 'video' | 'data';
  /** The browser sends simulcast layers (VP8/H.264 with rids or SSRC groups). */
  simulcast: boolean;
}

export type PublisherKind = 'camera' | 'screen';

export interface PublisherInfo {
  /** The VideoRoom feed id (`<participantId>:<kind>`); pass it to `subscribe`. */
  publisherId: string;
  participantId: string;
  kind: PublisherKind;
  streams: PublishedStream[];
}

/** One m-line of a subscription as Janus laid it out. */
export interface SubscribedStream {
  /** The subscriber-side mid: the browser finds its transceiver by it. */
  mid: string;
  type: 'audio' | 'video' | 'data';
  /** `false` once its publisher has gone (the m-line stays, inactive, until the next update). */
  active: boolean;
  publisherId: string | undefined;
  /** The publisher-side mid this m-line carries. */
  publisherMid: string | undefined;
}
