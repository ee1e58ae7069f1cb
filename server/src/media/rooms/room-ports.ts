import { AudioBridgeRoom, type AudioBridgeRoomOptions } from './audio-bridge-room.js';
import type { RoomNode } from './media-leg.js';
import type {
  LegCandidate,
  LegCloseReason,
  PublisherInfo,
  PublisherKind,
  RoomCloseReason,
  SdpAnswer,
  SdpOffer,
  SubscribedStream,
} from './room-types.js';
import { VideoRoom, type VideoRoomOptions } from './video-room.js';
import type { FeedRef } from './video-subscriber.js';

/**
 * What the room service needs of the room media layer, as interfaces: the real classes (AudioBridgeRoom,
 * AudioLeg, VideoRoom, Publisher, Subscriber, MediaPlane) satisfy them — `janusRoomMedia` below proves it to
 * the compiler — and the room service's unit tests pass small fakes instead.
 */

type Off = () => void;

/** Any leg: a browser's audio connection, a publisher or a subscriber. */
export interface LegPort {
  readonly closed: boolean;
  trickle(candidate: LegCandidate): Promise<void>;
  close(): Promise<void>;
  on(event: 'closed', listener: (reason: LegCloseReason) => void): Off;
}

export interface AudioLegPort extends LegPort {
  readonly muted: boolean;
  /** The moderator mute in the mixer; the only way this service (un)mutes anyone. */
  setMuted(muted: boolean): Promise<void>;
  restartIce(offer: SdpOffer): Promise<SdpAnswer>;
}

export interface PublisherPort extends LegPort {
  readonly publisherId: string;
  readonly kind: PublisherKind;
  restartIce(offer: SdpOffer): Promise<SdpAnswer>;
}

export interface SubscriberPort extends LegPort {
  readonly streams: readonly SubscribedStream[];
  start(answer: SdpAnswer): Promise<void>;
  update(changes: { add?: FeedRef[]; remove?: FeedRef[] }): Promise<SdpOffer | null>;
  configure(params: { publisherId: string; substream: 0 | 1 | 2 }): Promise<boolean>;
}

export interface AudioRoomPort {
  readonly closed: boolean;
  joinWebRtc(params: {
    participantId: string;
    display: string;
    muted: boolean;
    offer: SdpOffer;
  }): Promise<{ answer: SdpAnswer; leg: AudioLegPort }>;
  /** A phone call relayed by the SIP gateway (G.711 over plain RTP); see AudioBridgeRoom.joinPlainRtp. */
  joinPlainRtp(params: {
    participantId: string;
    display: string;
    muted: boolean;
    codec: 'pcma' | 'pcmu';
    remote: { ip: string; port: number; payloadType: number };
  }): Promise<{ local: { ip: string; port: number }; leg: AudioLegPort }>;
  destroy(): Promise<void>;
  on(event: 'talking', listener: (participantId: string, talking: boolean) => void): Off;
  on(event: 'closed', listener: (reason: RoomCloseReason) => void): Off;
}

export interface VideoRoomPort {
  readonly closed: boolean;
  publishers(): PublisherInfo[];
  publish(params: {
    participantId: string;
    display: string;
    offer: SdpOffer;
    kind: PublisherKind;
    ridOrder?: 'hml' | 'lmh';
  }): Promise<{ answer: SdpAnswer; publisher: PublisherPort }>;
  subscribe(params: {
    participantId: string;
    feeds: FeedRef[];
  }): Promise<{ offer: SdpOffer; subscriber: SubscriberPort }>;
  destroy(): Promise<void>;
  on(event: 'publishersChanged', listener: (publishers: PublisherInfo[]) => void): Off;
  on(event: 'closed', listener: (reason: RoomCloseReason) => void): Off;
}

/** Creates a meeting's two Janus rooms on a node. */
export interface RoomMediaFactory {
  createAudioRoom(node: RoomNode, options: AudioBridgeRoomOptions): Promise<AudioRoomPort>;
  createVideoRoom(node: RoomNode, options: VideoRoomOptions): Promise<VideoRoomPort>;
}

/** The media plane as the room service sees it: a node to place rooms on, and node up/down news. */
export interface RoomMediaPlane {
  /** Throws MediaUnavailableError when no node is up. */
  pick(): RoomNode;
  on(event: 'nodeUp', listener: (node: RoomNode) => void): Off;
  on(event: 'nodeDown', listener: (node: RoomNode, error: Error | undefined) => void): Off;
}

/** The real rooms in Janus. */
export const janusRoomMedia: RoomMediaFactory = {
  createAudioRoom: (node, options) => AudioBridgeRoom.create(node, options),
  createVideoRoom: (node, options) => VideoRoom.create(node, options),
};
