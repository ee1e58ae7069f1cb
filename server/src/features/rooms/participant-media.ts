import type { ServerMessage, VideoKind } from '@treffpunkt/protocol';
import { describeError, type Logger } from '../../lib/logger.js';
import { JanusClosedError } from '../../media/errors.js';
import type { AudioLegPort, AudioRoomPort, LegPort, PublisherPort } from '../../media/rooms/room-ports.js';
import type { LegCandidate, SdpAnswer, SdpOffer } from '../../media/rooms/room-types.js';
import { ParticipantSubscription, type FeedWish } from './participant-subscription.js';
import type { RoomMedia } from './room-media.js';

export type LegKey = 'audio' | VideoKind | 'subscriber';

export interface ParticipantMediaHooks {
  send(message: ServerMessage): void;
  /** Whether the mixer must keep this participant muted now: the room state is the truth. */
  wantsMuted(): boolean;
  /** A camera or screen publisher is gone by itself (hangup, media lost) or by `unpublish`. */
  publisherGone(kind: VideoKind): void;
}

/** A browser gathers a handful of candidates per connection; more while nothing can take them is abuse. */
const MAX_BUFFERED_CANDIDATES = 64;

/**
 * One participant's connections to the meeting's Janus rooms: the audio leg (AudioBridge), camera and screen
 * publishers and the subscription. Negotiations of the same connection run one after another; candidates
 * that arrive while a connection is being negotiated (or does not exist yet) are kept until it can take them.
 */
export class ParticipantMedia {
  private audio: AudioLegPort | undefined;
  private readonly publishers = new Map<VideoKind, PublisherPort>();
  private readonly buffered = new Map<LegKey, LegCandidate[]>();
  /** Per connection: the latest negotiation's number; a finished one flushes candidates only if still latest. */
  private readonly negotiations = new Map<LegKey, number>();
  private readonly queues = new Map<LegKey | 'mute', Promise<unknown>>();
  private readonly subscription: ParticipantSubscription;
  private closed = false;

  constructor(
    private readonly participantId: string,
    private readonly media: RoomMedia,
    private readonly hooks: ParticipantMediaHooks,
    private readonly log: Logger,
  ) {
    this.subscription = new ParticipantSubscription(participantId, media, {
      send: (message) => hooks.send(message),
      log,
      flushCandidates: (subscriber) => this.flush('subscriber', subscriber),
      clearCandidates: () => this.buffered.set('subscriber', []),
    });
  }

  /** Joins the AudioBridge with a new connection, or renegotiates the current one (`restart`). */
  offerAudio(offer: SdpOffer, restart: boolean): Promise<SdpAnswer> {
    return this.negotiate('audio', async () => {
      const current = this.audio;
      if (restart && current && !current.closed) {
        return { answer: await current.restartIce(offer), leg: current };
      }
      return this.joinAudio((audio, join) => audio.joinWebRtc({ ...join, offer }));
    });
  }

  /**
   * Joins the AudioBridge as a phone call: Janus sends the mix to `remote` (the gateway's relay) and expects the
   * caller's G.711 at the returned address. Called again after a media restart.
   */
  joinPhone(codec: 'pcma' | 'pcmu', remote: { ip: string; port: number; payloadType: number }) {
    return this.serial('audio', async () => {
      await this.audio?.close();
      const { local } = await this.joinAudio((audio, join) => audio.joinPlainRtp({ ...join, codec, remote }));
      return local;
    });
  }

  /** Joins the meeting's AudioBridge (by `join`) and makes the new leg this participant's audio. */
  private async joinAudio<T extends { leg: AudioLegPort }>(
    join: (
      audio: AudioRoomPort,
      params: { participantId: string; display: string; muted: boolean },
    ) => Promise<T>,
  ): Promise<T> {
    const { audio } = await this.media.ensure();
    const joined = await join(audio, {
      participantId: this.participantId,
      display: this.participantId,
      muted: this.hooks.wantsMuted(),
    });
    const { leg } = joined;
    await this.keepOrDrop(leg);
    this.audio = leg;
    leg.on('closed', () => {
      if (this.audio === leg) {
        this.audio = undefined;
      }
    });
    // The state may have changed while Janus joined us (a host muted everyone).
    void this.syncMute();
    return joined;
  }

  /** Publishes a camera or screen with a new connection, or renegotiates the current one (`restart`). */
  publish(kind: VideoKind, offer: SdpOffer, restart: boolean, ridOrder: 'lmh' | 'hml'): Promise<SdpAnswer> {
    return this.negotiate(kind, async () => {
      const current = this.publishers.get(kind);
      if (restart && current && !current.closed) {
        return { answer: await current.restartIce(offer), leg: current };
      }
      const { video } = await this.media.ensure();
      const { answer, publisher } = await video.publish({
        participantId: this.participantId,
        display: this.participantId,
        offer,
        kind,
        ridOrder,
      });
      await this.keepOrDrop(publisher);
      this.publishers.set(kind, publisher);
      publisher.on('closed', (reason) => {
        if (this.publishers.get(kind) === publisher) {
          this.publishers.delete(kind);
        }
        if (reason !== 'replaced') {
          this.hooks.publisherGone(kind);
        }
      });
      return { answer, leg: publisher };
    });
  }

  async unpublish(kind: VideoKind): Promise<void> {
    await this.publishers.get(kind)?.close();
  }

  hasPublisher(kind: VideoKind): boolean {
    return this.publishers.has(kind);
  }

  /** Brings the mixer's mute in line with the room state, however often either changed meanwhile. */
  syncMute(): Promise<void> {
    return this.serial('mute', async () => {
      for (
        let leg = this.audio;
        leg && !leg.closed && leg.muted !== this.hooks.wantsMuted();
        leg = this.audio
      ) {
        const muted = this.hooks.wantsMuted();
        try {
          await leg.setMuted(muted);
        } catch (error) {
          this.log.warn({ err: describeError(error), muted }, 'mixer mute failed');
          if (muted) {
            // Never leave someone audible who must not be: without a leg they are not in the mix at all.
            await leg.close();
          }
          return;
        }
      }
    });
  }

  subscribe(feeds: FeedWish[], restart: boolean): void {
    this.subscription.want(feeds, restart);
  }

  answerSubscription(revision: number, answer: SdpAnswer): Promise<void> {
    return this.subscription.answer(revision, answer);
  }

  /** Feeds came or went: the subscription follows. */
  publishersChanged(): void {
    this.subscription.publishersChanged();
  }

  /** After a resume: an offer the client may have missed while it was away goes again. */
  resendPendingOffer(): void {
    this.subscription.resendPending();
  }

  async trickle(key: LegKey, candidate: LegCandidate): Promise<void> {
    const leg = this.legOf(key);
    const busy = key === 'subscriber' ? this.subscription.awaitingAnswer : this.negotiations.has(key);
    if (!leg || leg.closed || busy) {
      const list = this.buffered.get(key) ?? [];
      if (list.length < MAX_BUFFERED_CANDIDATES) {
        list.push(candidate);
      }
      this.buffered.set(key, list);
      return;
    }
    await leg.trickle(candidate);
  }

  /** The media server was lost: every connection is dead; the client starts over after `media.restart`. */
  reset(): void {
    this.audio = undefined;
    this.publishers.clear();
    this.buffered.clear();
    this.subscription.reset();
  }

  /** Leaves every room. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    const legs: LegPort[] = [...this.publishers.values()];
    if (this.audio) {
      legs.push(this.audio);
    }
    this.audio = undefined;
    this.publishers.clear();
    this.buffered.clear();
    await Promise.all([...legs.map((leg) => leg.close()), this.subscription.close()]);
  }

  private legOf(key: LegKey): LegPort | undefined {
    if (key === 'audio') {
      return this.audio;
    }
    return key === 'subscriber' ? this.subscription.current : this.publishers.get(key);
  }

  /** A leg whose owner left while Janus set it up is closed again at once. */
  private async keepOrDrop(leg: LegPort): Promise<void> {
    if (this.closed) {
      await leg.close();
      throw new JanusClosedError('The participant left while the connection was set up');
    }
  }

  /**
   * Runs a negotiation of `key` after earlier ones. Candidates sent from now on belong to this offer: those
   * of an older connection are dropped now, and the new ones wait until the leg has its answer.
   */
  private async negotiate(
    key: LegKey,
    run: () => Promise<{ answer: SdpAnswer; leg: LegPort }>,
  ): Promise<SdpAnswer> {
    const number = (this.negotiations.get(key) ?? 0) + 1;
    this.negotiations.set(key, number);
    this.buffered.set(key, []);
    const done = () => {
      if (this.negotiations.get(key) === number) {
        this.negotiations.delete(key);
        return true;
      }
      return false;
    };
    try {
      const { answer, leg } = await this.serial(key, run);
      if (done()) {
        await this.flush(key, leg);
      }
      return answer;
    } catch (error) {
      done();
      throw error;
    }
  }

  private async flush(key: LegKey, leg: LegPort): Promise<void> {
    const list = this.buffered.get(key) ?? [];
    this.buffered.set(key, []);
    for (const candidate of list) {
      await leg.trickle(candidate).catch((error: unknown) => {
        this.log.debug({ err: describeError(error), key }, 'buffered candidate rejected');
      });
    }
  }

  private serial<T>(key: LegKey | 'mute', task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    this.queues.set(
      key,
      run.catch(() => undefined),
    );
    return run;
  }
}
