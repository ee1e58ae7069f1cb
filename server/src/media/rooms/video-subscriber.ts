import type { Logger } from '../../lib/logger.js';
import { JanusClosedError, JanusTimeoutError } from '../errors.js';
import type { JanusHandle, JanusSession } from '../janus-session.js';
import { MediaLeg } from './media-leg.js';
import { offerOf, parseSubscribedStreams } from './room-fns.js';
import type { SdpAnswer, SdpOffer, SubscribedStream } from './room-types.js';

/** A feed (all its streams) or one stream of it (`mid`, publisher side). */
export interface FeedRef {
  publisherId: string;
  mid?: string;
}

/** How long an update waits for the browser's answer to the previous offer before going ahead anyway. */
const ANSWER_WAIT_MS = 10_000;

const feedEntry = (feed: FeedRef) => ({ feed: feed.publisherId, ...(feed.mid ? { mid: feed.mid } : {}) });

/**
 * One participant's receiving PeerConnection: a multistream subscription to the feeds on their screen. Janus
 * offers, the browser answers (`start`). Renegotiations are serialised here, one offer outstanding at a time,
 * so that Janus never has to postpone one (its `updating` case is still handled).
 */
export class Subscriber extends MediaLeg {
  readonly participantId: string;
  private current: SubscribedStream[];
  private answered = false;
  private answerWaiters: Array<() => void> = [];
  private offerWaiter: ((offer: SdpOffer) => void) | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  /** @internal Created by VideoRoom.subscribe. */
  constructor(
    session: JanusSession,
    handle: JanusHandle,
    logger: Logger,
    options: { participantId: string; streams: SubscribedStream[] },
  ) {
    super(session, handle, logger);
    this.participantId = options.participantId;
    this.current = options.streams;
    this.on('closed', () => this.wakeAnswerWaiters());
    // A postponed renegotiation: Janus sends the offer once the previous answer is in.
    handle.on('event', ({ data, jsep }) => {
      if (jsep?.type === 'offer' && this.offerWaiter) {
        this.takeStreams(data);
        this.offerWaiter(offerOf(jsep, handle.plugin));
      }
    });
  }

  /** The m-lines of the subscription as Janus last described them (mid → publisher stream). */
  get streams(): readonly SubscribedStream[] {
    return this.current;
  }

  /** Completes a negotiation with the browser's answer to Janus's latest offer. */
  async start(answer: SdpAnswer): Promise<void> {
    await this.handle.message({ request: 'start' }, answer);
    this.answered = true;
    this.wakeAnswerWaiters();
  }

  /**
   * Adds and removes feeds in one renegotiation. Resolves with Janus's new offer (answer it with `start`), or
   * with `null` when nothing changes: feeds already received are not added twice, and removing a feed that has
   * gone meanwhile still yields an offer if its m-line must be retired. Adding a feed that is not live rejects
   * the whole update with JanusError 428, changing nothing: add only feeds from `publishersChanged`.
   */
  update(changes: { add?: FeedRef[]; remove?: FeedRef[] }): Promise<SdpOffer | null> {
    return this.serial(async () => {
      const add = (changes.add ?? []).filter((feed) => !this.receives(feed));
      const remove = changes.remove ?? [];
      if (add.length === 0 && remove.length === 0) {
        return null;
      }
      await this.answerOrTimeout();
      const reply = await this.handle.message({
        request: 'update',
        ...(add.length > 0 ? { subscribe: add.map(feedEntry) } : {}),
        ...(remove.length > 0 ? { unsubscribe: remove.map(feedEntry) } : {}),
      });
      this.takeStreams(reply.data);
      let offer = reply.jsep ? offerOf(reply.jsep, this.handle.plugin) : null;
      if (!offer && reply.data.videoroom === 'updating') {
        offer = await this.postponedOffer();
      }
      if (offer) {
        this.answered = false;
      }
      return offer;
    });
  }

  /**
   * Chooses the simulcast layer (0 lowest … 2 highest; Janus falls back if it is not sent) of every video
   * m-line fed by `publisherId`. Resolves false if this subscription does not receive that publisher.
   */
  async configure(params: {
    publisherId: string;
    substream: 0 | 1 | 2;
    temporal?: 0 | 1 | 2;
  }): Promise<boolean> {
    const mids = this.current
      .filter(
        (stream) => stream.active && stream.type === 'video' && stream.publisherId === params.publisherId,
      )
      .map((stream) => stream.mid);
    if (mids.length === 0) {
      return false;
    }
    const layer = {
      substream: params.substream,
      ...(params.temporal !== undefined ? { temporal: params.temporal } : {}),
    };
    await this.handle.message({ request: 'configure', streams: mids.map((mid) => ({ mid, ...layer })) });
    return true;
  }

  /** Asks Janus for an ICE-restart offer (subscribers never offer themselves); answer it with `start`. */
  restartIce(): Promise<SdpOffer> {
    return this.serial(async () => {
      await this.answerOrTimeout();
      const reply = await this.handle.message({ request: 'configure', restart: true });
      const offer = offerOf(reply.jsep, this.handle.plugin);
      this.answered = false;
      return offer;
    });
  }

  /**
   * @internal The room saw `publisherId` go: its m-lines are inactive now, so that a feed published again
   * under the same id (a participant reconnecting) counts as new for `update`.
   */
  feedGone(publisherId: string): void {
    this.current = this.current.map((stream) =>
      stream.publisherId === publisherId ? { ...stream, active: false } : stream,
    );
  }

  private receives(feed: FeedRef): boolean {
    return this.current.some(
      (stream) =>
        stream.active &&
        stream.publisherId === feed.publisherId &&
        (feed.mid === undefined || stream.publisherMid === feed.mid),
    );
  }

  private wakeAnswerWaiters(): void {
    for (const wake of this.answerWaiters.splice(0)) {
      wake();
    }
  }

  private takeStreams(data: Record<string, unknown>): void {
    if (Array.isArray(data.streams)) {
      this.current = parseSubscribedStreams(data.streams);
    }
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private answerOrTimeout(): Promise<void> {
    if (this.answered || this.closed) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ANSWER_WAIT_MS);
      this.answerWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private postponedOffer(): Promise<SdpOffer> {
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        offClosed();
        this.offerWaiter = undefined;
      };
      const timer = setTimeout(() => {
        done();
        reject(new JanusTimeoutError('update', ANSWER_WAIT_MS));
      }, ANSWER_WAIT_MS);
      const offClosed = this.on('closed', () => {
        done();
        reject(new JanusClosedError('The subscriber is closed'));
      });
      this.offerWaiter = (offer) => {
        done();
        resolve(offer);
      };
    });
  }
}
