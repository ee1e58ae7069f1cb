import type { SubscriberPort } from '../../../media/rooms/room-ports.js';
import type { SdpAnswer, SdpOffer, SubscribedStream } from '../../../media/rooms/room-types.js';
import type { FeedRef } from '../../../media/rooms/video-subscriber.js';
import { FakeLeg } from './fake-leg.js';

const updateOffer: SdpOffer = { type: 'offer', sdp: 'v=0\r\ns=fake-update\r\n' };

/** A subscription of the fakes: one m-line per feed ref, mids counted up, requests recorded. */
export class FakeSubscriber extends FakeLeg implements SubscriberPort {
  streams: SubscribedStream[];
  readonly answers: SdpAnswer[] = [];
  readonly updates: Array<{ add: FeedRef[]; remove: FeedRef[] }> = [];
  readonly configured: Array<{ publisherId: string; substream: number }> = [];
  private nextMid: number;

  constructor(
    readonly participantId: string,
    feeds: FeedRef[],
    private readonly isLive: (publisherId: string) => boolean,
  ) {
    super();
    this.streams = feeds.map((feed, index) => stream(String(index), feed));
    this.nextMid = feeds.length;
  }

  async start(answer: SdpAnswer): Promise<void> {
    this.answers.push(answer);
  }

  async update(changes: { add?: FeedRef[]; remove?: FeedRef[] }): Promise<SdpOffer | null> {
    const add = changes.add ?? [];
    const remove = changes.remove ?? [];
    this.updates.push({ add, remove });
    const gone = new Set(remove.map((feed) => feed.publisherId));
    this.streams = this.streams.filter((entry) => !gone.has(entry.publisherId ?? ''));
    for (const feed of add) {
      if (!this.isLive(feed.publisherId)) {
        throw new Error('fake: no such feed');
      }
      this.streams.push(stream(String(this.nextMid++), feed));
    }
    return add.length + remove.length > 0 ? updateOffer : null;
  }

  async configure(params: { publisherId: string; substream: 0 | 1 | 2 }): Promise<boolean> {
    if (!this.streams.some((entry) => entry.active && entry.publisherId === params.publisherId)) {
      return false;
    }
    this.configured.push(params);
    return true;
  }

  feedGone(publisherId: string): void {
    this.streams = this.streams.map((entry) =>
      entry.publisherId === publisherId ? { ...entry, active: false } : entry,
    );
  }
}

function stream(mid: string, feed: FeedRef): SubscribedStream {
  return { mid, type: 'video', active: true, publisherId: feed.publisherId, publisherMid: feed.mid ?? '0' };
}
