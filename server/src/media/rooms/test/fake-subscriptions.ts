import type { Data, Jsep, PluginReply, Push } from './fake-room-plugins.js';

interface Subscription {
  room: string;
  streams: Array<{ mid: string; feed: string }>;
  nextMid: number;
  /** The browser answered Janus's latest offer. */
  answered: boolean;
  /** An update came while an offer was unanswered: Janus sends its offer after the answer. */
  pendingOffer: boolean;
}

/**
 * VideoRoom subscriptions for the fake: `join` (ptype subscriber) with its offer, `start` with the answer,
 * `update` with Janus's three outcomes — a new offer, `updated` without one (nothing changed), or `updating`
 * (postponed while an offer is unanswered; the offer follows as an event).
 */
export class FakeSubscriptions {
  /** The next update is answered `updating` even if nothing is pending, its offer pushed 20 ms later. */
  forceUpdating = false;
  private readonly subscriptions = new Map<number, Subscription>();

  constructor(
    private readonly push: Push,
    private readonly offer: Jsep,
  ) {}

  join(handleId: number, body: Data, isLive: (feed: string) => boolean): PluginReply {
    const feeds = (body.streams as Array<{ feed: string }> | undefined) ?? [];
    const missing = feeds.find((feed) => !isLive(feed.feed));
    if (missing) {
      return { data: { videoroom: 'event', error_code: 428, error: `No such feed (${missing.feed})` } };
    }
    const subscription: Subscription = {
      room: String(body.room),
      streams: feeds.map((feed, index) => ({ mid: String(index), feed: feed.feed })),
      nextMid: feeds.length,
      answered: false,
      pendingOffer: false,
    };
    this.subscriptions.set(handleId, subscription);
    return {
      data: { videoroom: 'attached', room: body.room, streams: summary(subscription) },
      jsep: this.offer,
    };
  }

  start(handleId: number): PluginReply {
    const subscription = this.subscriptions.get(handleId);
    if (!subscription) {
      return notSubscriber();
    }
    subscription.answered = true;
    const pending = subscription.pendingOffer;
    subscription.pendingOffer = false;
    return {
      data: { videoroom: 'event', started: 'ok' },
      after: () => {
        if (pending) {
          subscription.answered = false;
          this.pushOffer(handleId, subscription);
        }
      },
    };
  }

  update(handleId: number, body: Data): PluginReply {
    const subscription = this.subscriptions.get(handleId);
    if (!subscription) {
      return notSubscriber();
    }
    const add = (body.subscribe as Array<{ feed: string }> | undefined) ?? [];
    const remove = new Set(
      ((body.unsubscribe as Array<{ feed: string }> | undefined) ?? []).map((r) => r.feed),
    );
    const before = subscription.streams.length;
    subscription.streams = subscription.streams.filter((stream) => !remove.has(stream.feed));
    for (const feed of add) {
      subscription.streams.push({ mid: String(subscription.nextMid++), feed: feed.feed });
    }
    if (before === subscription.streams.length && add.length === 0) {
      return { data: { videoroom: 'updated', room: subscription.room } };
    }
    if (!subscription.answered || this.forceUpdating) {
      const forced = subscription.answered;
      this.forceUpdating = false;
      subscription.pendingOffer = !forced;
      return {
        data: { videoroom: 'updating', room: subscription.room },
        after: () => {
          if (forced) {
            setTimeout(() => this.pushOffer(handleId, subscription), 20);
          }
        },
      };
    }
    subscription.answered = false;
    return {
      data: { videoroom: 'updated', room: subscription.room, streams: summary(subscription) },
      jsep: this.offer,
    };
  }

  drop(handleId: number): void {
    this.subscriptions.delete(handleId);
  }

  private pushOffer(handleId: number, subscription: Subscription): void {
    const data = { videoroom: 'updated', room: subscription.room, streams: summary(subscription) };
    this.push(handleId, data, this.offer);
  }
}

const notSubscriber = (): PluginReply => ({
  data: { videoroom: 'event', error_code: 424, error: 'Not a subscriber' },
});

function summary(subscription: Subscription): Data[] {
  return subscription.streams.map((stream, index) => ({
    mindex: index,
    mid: stream.mid,
    type: 'video',
    active: true,
    feed_id: stream.feed,
    feed_mid: '0',
    feed_display: 'Someone',
    send: true,
    ready: false,
  }));
}
