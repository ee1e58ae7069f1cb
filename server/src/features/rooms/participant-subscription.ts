import type { ServerMessage, VideoKind } from '@treffpunkt/protocol';
import { describeError, type Logger } from '../../lib/logger.js';
import { parsePublisherId, publisherIdOf } from '../../media/rooms/room-fns.js';
import type { SubscriberPort } from '../../media/rooms/room-ports.js';
import type { PublisherInfo, SdpAnswer, SdpOffer } from '../../media/rooms/room-types.js';
import type { FeedRef } from '../../media/rooms/video-subscriber.js';
import type { RoomMedia } from './room-media.js';

export type Quality = 'low' | 'medium' | 'high';

/** One tile the client shows. */
export interface FeedWish {
  participantId: string;
  kind: VideoKind;
  quality: Quality;
}

export interface SubscriptionHooks {
  send(message: ServerMessage): void;
  log: Logger;
  /** The client's answer is in: candidates it sent meanwhile can go to Janus. */
  flushCandidates(subscriber: SubscriberPort): Promise<void>;
  /** A new receiving connection: candidates of the old one are worthless. */
  clearCandidates(): void;
}

type SubscriberOffer = Extract<ServerMessage, { type: 'video.subscriberOffer' }>;

/** Simulcast layers: 0 is the smallest. */
const substreamOf = { low: 0, medium: 1, high: 2 } as const;
/** Attempts in a row before giving up until the next change (a feed may vanish between list and update). */
const MAX_ATTEMPTS = 3;

const idOf = (wish: FeedWish) => publisherIdOf(wish.participantId, wish.kind);

/**
 * The participant's receiving connection, kept equal to the tiles they want among the feeds that are live.
 * Only video streams are subscribed: audio reaches people through the AudioBridge mix alone, where a host's
 * mute holds — an audio track slipped into a camera offer is never forwarded. Changes are coalesced: while
 * one reconciliation runs, later wishes only mark that another pass is needed.
 */
export class ParticipantSubscription {
  private subscriber: SubscriberPort | undefined;
  private wanted: FeedWish[] = [];
  private restartWanted = false;
  private revision = 0;
  /** The latest offer, until the client answers it. */
  private pending: SubscriberOffer | undefined;
  private readonly applied = new Map<string, Quality>();
  private running: Promise<void> | undefined;
  private again = false;
  private closed = false;

  constructor(
    private readonly participantId: string,
    private readonly media: RoomMedia,
    private readonly hooks: SubscriptionHooks,
  ) {}

  get current(): SubscriberPort | undefined {
    return this.subscriber;
  }

  get awaitingAnswer(): boolean {
    return this.pending !== undefined;
  }

  want(feeds: FeedWish[], restart: boolean): void {
    this.wanted = feeds;
    this.restartWanted ||= restart;
    this.kick();
  }

  publishersChanged(): void {
    if (this.wanted.length > 0 || this.subscriber) {
      this.kick();
    }
  }

  /** An answer to anything but the latest offer is stale (the client caught up with a newer one) and ignored. */
  async answer(revision: number, answer: SdpAnswer): Promise<void> {
    const subscriber = this.subscriber;
    if (!subscriber || this.pending?.revision !== revision) {
      this.hooks.log.debug({ revision }, 'stale subscriber answer ignored');
      return;
    }
    this.pending = undefined;
    await subscriber.start(answer);
    await this.hooks.flushCandidates(subscriber);
  }

  resendPending(): void {
    if (this.pending) {
      this.hooks.send(this.pending);
    }
  }

  /** The media server was lost; the subscriber died with it. The client asks again after `media.restart`. */
  reset(): void {
    this.subscriber = undefined;
    this.pending = undefined;
    this.wanted = [];
    this.restartWanted = false;
    this.applied.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    await subscriber?.close();
  }

  private kick(): void {
    if (this.closed) {
      return;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  private async loop(): Promise<void> {
    let failures = 0;
    do {
      this.again = false;
      try {
        await this.reconcile();
        failures = 0;
      } catch (error) {
        failures += 1;
        this.hooks.log.warn({ err: describeError(error), failures }, 'subscription update failed');
        this.again ||= failures < MAX_ATTEMPTS;
      }
    } while (this.again && !this.closed);
  }

  private async reconcile(): Promise<void> {
    const rooms = this.media.current;
    if (!rooms) {
      return;
    }
    const live = new Map(rooms.video.publishers().map((info) => [info.publisherId, info]));
    const wanted = this.wanted.filter((wish) => live.has(idOf(wish)));
    if (this.restartWanted) {
      this.restartWanted = false;
      const old = this.subscriber;
      this.subscriber = undefined;
      this.pending = undefined;
      await old?.close();
    }
    let subscriber = this.subscriber;
    if (!subscriber || subscriber.closed) {
      this.subscriber = undefined;
      this.pending = undefined;
      const feeds = wanted.flatMap((wish) => videoRefs(live.get(idOf(wish))));
      if (feeds.length === 0) {
        return;
      }
      const created = await rooms.video.subscribe({ participantId: this.participantId, feeds });
      if (this.closed) {
        await created.subscriber.close();
        return;
      }
      subscriber = created.subscriber;
      this.adopt(subscriber);
      this.hooks.clearCandidates();
      this.offer(subscriber, created.offer, true);
    } else {
      await this.update(subscriber, wanted, live);
    }
    await this.applyQualities(subscriber, wanted, live);
  }

  private adopt(subscriber: SubscriberPort): void {
    this.subscriber = subscriber;
    this.applied.clear();
    subscriber.on('closed', () => {
      if (this.subscriber === subscriber) {
        this.subscriber = undefined;
        this.pending = undefined;
      }
    });
  }

  private async update(
    subscriber: SubscriberPort,
    wanted: FeedWish[],
    live: Map<string, PublisherInfo>,
  ): Promise<void> {
    const receiving = new Set(
      subscriber.streams.flatMap((stream) =>
        stream.active && stream.publisherId !== undefined ? [stream.publisherId] : [],
      ),
    );
    const wantedIds = new Set(wanted.map(idOf));
    const add = [...wantedIds].filter((id) => !receiving.has(id)).flatMap((id) => videoRefs(live.get(id)));
    const remove = [...receiving].filter((id) => !wantedIds.has(id)).map((publisherId) => ({ publisherId }));
    if (add.length === 0 && remove.length === 0) {
      return;
    }
    const offer = await subscriber.update({ add, remove });
    remove.forEach((feed) => this.applied.delete(feed.publisherId));
    if (offer && this.subscriber === subscriber) {
      this.offer(subscriber, offer, false);
    }
  }

  private offer(subscriber: SubscriberPort, offer: SdpOffer, newConnection: boolean): void {
    this.revision += 1;
    const streams = subscriber.streams.flatMap((stream) => {
      const parsed =
        stream.active && stream.publisherId !== undefined ? parsePublisherId(stream.publisherId) : undefined;
      return parsed ? [{ mid: stream.mid, participantId: parsed.participantId, kind: parsed.kind }] : [];
    });
    this.pending = {
      type: 'video.subscriberOffer',
      revision: this.revision,
      offer,
      streams,
      ...(newConnection ? { newConnection: true } : {}),
    };
    this.hooks.send(this.pending);
  }

  private async applyQualities(
    subscriber: SubscriberPort,
    wanted: FeedWish[],
    live: Map<string, PublisherInfo>,
  ): Promise<void> {
    for (const wish of wanted) {
      const id = idOf(wish);
      const simulcast = live.get(id)?.streams.some((stream) => stream.type === 'video' && stream.simulcast);
      if (!simulcast || this.applied.get(id) === wish.quality || subscriber.closed) {
        continue;
      }
      if (await subscriber.configure({ publisherId: id, substream: substreamOf[wish.quality] })) {
        this.applied.set(id, wish.quality);
      }
    }
  }
}

/** The video streams of a live feed, each by its publisher-side mid. */
function videoRefs(info: PublisherInfo | undefined): FeedRef[] {
  if (!info) {
    return [];
  }
  return info.streams
    .filter((stream) => stream.type === 'video')
    .map((stream) => ({ publisherId: info.publisherId, mid: stream.mid }));
}
