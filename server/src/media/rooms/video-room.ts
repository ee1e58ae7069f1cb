import { describeError, type Logger } from '../../lib/logger.js';
import { TypedEmitter } from '../../lib/typed-emitter.js';
import type { RoomNode } from './media-leg.js';
import { RoomCore } from './room-core.js';
import {
  answerOf,
  assertParticipantId,
  OBSERVER_ID,
  offerOf,
  parsePublishers,
  parseSubscribedStreams,
  publisherIdOf,
  randomRoomId,
  randomSecret,
} from './room-fns.js';
import type { PublisherInfo, PublisherKind, RoomCloseReason, SdpAnswer, SdpOffer } from './room-types.js';
import { Publisher, withRidOrder } from './video-publisher.js';
import { Subscriber, type FeedRef } from './video-subscriber.js';

export const VIDEOROOM = 'janus.plugin.videoroom';
/**
 * Janus caps each publisher with REMB at this rate, all simulcast layers together: it must cover the sum of
 * the web app's `sendEncodings` maxBitrate (e.g. 100 + 300 + 900 kbit/s for 180p/360p/720p), or Chromium
 * never sends the top layer (seen in webrtc.int.test.ts with a cap below the sum).
 */
const DEFAULT_CAMERA_BITRATE = 1_500_000;
/** One layer of mostly still text: detail needs bits more than frame rate. */
const DEFAULT_SCREEN_BITRATE = 2_000_000;

export interface VideoRoomOptions {
  /** Janus room id (string_ids); random if absent. */
  roomId?: string;
  /** Shown by Janus only; keep it free of personal data. */
  description: string;
  /** Concurrent WebRTC publishers (cameras and screens count alike). */
  maxPublishers: number;
  logger: Logger;
  /** REMB cap of a camera publisher, all simulcast layers together (default 1.5 Mbit/s; see below). */
  cameraBitrate?: number;
  /** REMB cap of a screen share (default 2 Mbit/s). */
  screenBitrate?: number;
  /** Seconds between keyframe requests to publishers, so late subscribers never wait long (default 10). */
  keyframeIntervalSeconds?: number;
}

export type VideoRoomEvents = {
  /** The full list of live feeds after every change (a feed appears once its PeerConnection is up). */
  publishersChanged: [publishers: PublisherInfo[]];
  closed: [reason: RoomCloseReason];
};

/**
 * A meeting's video and screen shares: one VideoRoom (multistream SFU). Each camera or screen is a publisher
 * with its own session; each participant has one subscriber PeerConnection carrying only the feeds on their
 * screen. Simulcast is whatever the browser's offer negotiates; subscribers pick layers with `configure`.
 */
export class VideoRoom extends TypedEmitter<VideoRoomEvents> {
  private readonly feeds = new Map<string, PublisherInfo>();
  /** Told when a feed goes: with autoupdate off, Janus leaves their m-lines inactive without telling them. */
  private readonly subscribers = new Set<Subscriber>();

  static async create(node: RoomNode, options: VideoRoomOptions): Promise<VideoRoom> {
    if (!Number.isInteger(options.maxPublishers) || options.maxPublishers < 1) {
      throw new RangeError('maxPublishers must be a positive integer');
    }
    const roomId = options.roomId ?? randomRoomId();
    const secret = randomSecret();
    // Events can come while the observer joins, before the room object exists: they are dropped then.
    const ref: { room?: VideoRoom } = {};
    const { core, joined } = await RoomCore.open({
      node,
      plugin: VIDEOROOM,
      roomId,
      secret,
      logger: options.logger,
      create: {
        request: 'create',
        room: roomId,
        description: options.description,
        secret,
        is_private: true,
        publishers: options.maxPublishers,
        bitrate: options.cameraBitrate ?? DEFAULT_CAMERA_BITRATE,
        // Only the server sends `configure`, so per-publisher caps (screens) may exceed the room's.
        bitrate_cap: false,
        fir_freq: options.keyframeIntervalSeconds ?? 10,
        audiocodec: 'opus',
        // VP8 everywhere; H.264 (constrained baseline, decodable by every browser) only for offers without it.
        videocodec: 'vp8,h264',
        h264_profile: '42e01f',
        opus_fec: true,
        notify_joining: false,
        ...(node.adminKey !== undefined ? { admin_key: node.adminKey } : {}),
      },
      // A publisher that never publishes: hears publishers come and go, counts against no limit.
      observe: { request: 'join', ptype: 'publisher', room: roomId, id: OBSERVER_ID },
      onEvent: (data) => ref.room?.onEvent(data),
      onClosed: (reason) => ref.room?.onClosed(reason),
    });
    const room = new VideoRoom(roomId, core, options);
    room.upsert(parsePublishers(joined.publishers));
    ref.room = room;
    return room;
  }

  private constructor(
    readonly roomId: string,
    private readonly core: RoomCore,
    private readonly options: VideoRoomOptions,
  ) {
    const log = options.logger.child({ component: 'video-room', room: roomId });
    super((error, event) => log.error({ err: describeError(error), event }, 'video room listener failed'));
  }

  get closed(): boolean {
    return this.core.closed;
  }

  /** Live feeds, as last announced by `publishersChanged`. */
  publishers(): PublisherInfo[] {
    return [...this.feeds.values()];
  }

  /**
   * Publishes a camera or screen: joins as publisher `<participantId>:<kind>`, then `publish`es the browser's
   * offer (simulcast comes with it). Replaces an earlier publisher of the same participant and kind.
   */
  async publish(params: {
    participantId: string;
    display: string;
    offer: SdpOffer;
    kind: PublisherKind;
    /**
     * Order of the simulcast rids in the offer's `a=simulcast` line: `hml` (highest first — Janus's default,
     * and janus.js's) or `lmh` (lowest first, as the WebRTC spec's examples order `sendEncodings`). Janus
     * cannot tell from the SDP; a wrong order makes substream 0 the best layer instead of the worst.
     */
    ridOrder?: 'hml' | 'lmh';
  }): Promise<{ answer: SdpAnswer; publisher: Publisher }> {
    assertParticipantId(params.participantId);
    const publisherId = publisherIdOf(params.participantId, params.kind);
    const bitrate =
      params.kind === 'screen'
        ? (this.options.screenBitrate ?? DEFAULT_SCREEN_BITRATE)
        : (this.options.cameraBitrate ?? DEFAULT_CAMERA_BITRATE);
    return this.core.openLeg(publisherId, async (session, handle) => {
      await handle.message({
        request: 'join',
        ptype: 'publisher',
        room: this.roomId,
        id: publisherId,
        display: params.display,
      });
      const reply = await handle.message(
        { request: 'publish', bitrate },
        withRidOrder(params.offer, params.ridOrder),
      );
      const answer = answerOf(reply.jsep, VIDEOROOM);
      const publisher = new Publisher(session, handle, this.options.logger, {
        publisherId,
        participantId: params.participantId,
        kind: params.kind,
        ridOrder: params.ridOrder,
      });
      return { leg: publisher, result: { answer, publisher } };
    });
  }

  /**
   * Opens a participant's receiving PeerConnection for `feeds`; Janus makes the offer, the browser answers
   * through `subscriber.start`. A missing feed rejects with JanusError 428 (no such feed). Replaces an earlier
   * subscriber of the same participant.
   */
  async subscribe(params: {
    participantId: string;
    feeds: FeedRef[];
  }): Promise<{ offer: SdpOffer; subscriber: Subscriber }> {
    assertParticipantId(params.participantId);
    if (params.feeds.length === 0) {
      throw new RangeError('Subscribe to at least one feed');
    }
    return this.core.openLeg(`${params.participantId}:subscriber`, async (session, handle) => {
      const reply = await handle.message({
        request: 'join',
        ptype: 'subscriber',
        room: this.roomId,
        streams: params.feeds.map((feed) => ({
          feed: feed.publisherId,
          ...(feed.mid ? { mid: feed.mid } : {}),
        })),
        // Offers only in reply to our requests: a publisher leaving does not start a renegotiation by itself.
        autoupdate: false,
        // Lets the browser group each publisher's tracks into one MediaStream (lip sync in E2EE rooms).
        use_msid: true,
      });
      const offer = offerOf(reply.jsep, VIDEOROOM);
      const subscriber = new Subscriber(session, handle, this.options.logger, {
        participantId: params.participantId,
        streams: parseSubscribedStreams(reply.data.streams),
      });
      this.subscribers.add(subscriber);
      subscriber.on('closed', () => void this.subscribers.delete(subscriber));
      return { leg: subscriber, result: { offer, subscriber } };
    });
  }

  /** Destroys the room in Janus and closes every publisher and subscriber. Idempotent; never rejects. */
  destroy(): Promise<void> {
    return this.core.destroy();
  }

  private onEvent(data: Record<string, unknown>): void {
    if (data.room !== this.roomId) {
      return;
    }
    if (Array.isArray(data.publishers)) {
      this.upsert(parsePublishers(data.publishers));
    }
    for (const key of ['unpublished', 'leaving', 'kicked']) {
      const id = data[key];
      if (typeof id === 'string' && this.feeds.delete(id)) {
        this.subscribers.forEach((subscriber) => subscriber.feedGone(id));
        this.emit('publishersChanged', this.publishers());
      }
    }
  }

  private upsert(publishers: PublisherInfo[]): void {
    for (const publisher of publishers) {
      this.feeds.set(publisher.publisherId, publisher);
    }
    if (publishers.length > 0) {
      this.emit('publishersChanged', this.publishers());
    }
  }

  private onClosed(reason: RoomCloseReason): void {
    this.feeds.clear();
    this.emit('closed', reason);
    this.removeAllListeners();
  }
}
