import type { ClientMessage, ServerMessage, VideoKind } from '@treffpunkt/protocol';
import type { SignallingClient } from '../signalling-client';
import type { MeetingMedia } from './meeting-media';
import type { ConnectionQuality, LegStatus, MeetingState } from './meeting-types';
import { OffererLeg } from './offerer-leg';
import { encodingsFor, RID_ORDER } from './peer-fns';
import { judgeConnection, readStats, shownQuality, type StatsSample } from './quality-fns';
import { SubscriberLeg } from './subscriber-leg';

export interface MediaSessionDeps {
  signalling: Pick<SignallingClient, 'request' | 'send' | 'nextId'>;
  media: MeetingMedia;
  getState(): MeetingState;
  update(patch: Partial<MeetingState>): void;
  /** The receiving connection failed: ask the server for a new subscription (`video.subscribe` with `restart`). */
  onSubscriberFailed(): void;
}

/** How often the connection quality is measured. */
const STATS_INTERVAL_MS = 4000;
/** Judgements the indicator looks back on (the worst of them is shown). */
const QUALITY_WINDOW = 3;

type SubscriberOfferMessage = Extract<ServerMessage, { type: 'video.subscriberOffer' }>;

/**
 * The media connections of one admitted participant: the audio leg (microphone to the AudioBridge, the mixed sound
 * back), one publisher leg per camera or screen, and the subscriber leg for everyone else's video. Follows device
 * switches with `replaceTrack`; measures the audio leg's quality. Reports everything as state patches.
 */
export class MediaSession {
  private audio: OffererLeg | undefined;
  private readonly publishers = new Map<VideoKind, OffererLeg>();
  private readonly subscriber: SubscriberLeg;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private lastSample: StatsSample | undefined;
  private recentQuality: ConnectionQuality[] = [];
  private unfollow: (() => void) | undefined;

  constructor(private readonly deps: MediaSessionDeps) {
    this.subscriber = new SubscriberLeg({
      sendAnswer: (revision, answer) => this.send({ type: 'video.subscriberAnswer', revision, answer }),
      trickle: (candidate) => this.send({ type: 'video.subscriberTrickle', candidate }),
      onStatus: (status) => {
        this.setLeg('subscriber', status);
        if (status === 'failed') {
          deps.onSubscriberFailed();
        }
      },
      onVideos: (remoteVideos) => deps.update({ remoteVideos }),
    });
  }

  get running(): boolean {
    return this.audio !== undefined;
  }

  /** Sets up sound (always) and the camera (when on and not audio-only). Earlier connections are replaced. */
  async start(): Promise<void> {
    this.stop();
    this.follow();
    this.startStats();
    const audio = new OffererLeg({
      setup: (peer) => {
        const microphone = this.deps.media.microphone;
        peer.addTransceiver(microphone ?? 'audio', { direction: microphone ? 'sendrecv' : 'recvonly' });
        this.applyMicrophone();
      },
      negotiate: async (offer, restart) =>
        (
          await this.deps.signalling.request(
            { type: 'audio.offer', id: this.deps.signalling.nextId(), offer, restart },
            'audio.answer',
          )
        ).answer,
      trickle: (candidate) => this.send({ type: 'audio.trickle', candidate }),
      onStatus: (status) => this.setLeg('audio', status),
      onTrack: (track) => this.deps.update({ remoteAudio: new MediaStream([track]) }),
    });
    this.audio = audio;
    const { local } = this.deps.getState();
    const sendCamera = local.cameraOn && !local.audioOnly && this.deps.media.camera !== undefined;
    await Promise.all([
      audio.start().catch(() => this.setLeg('audio', 'failed')),
      sendCamera ? this.publish('camera', () => this.deps.media.camera) : Promise.resolve(),
    ]);
  }

  /**
   * Back in the room after the signalling socket was restored: the server kept this person's connections through
   * the grace period, so only those that broke meanwhile are built anew.
   */
  async resume(): Promise<void> {
    if (!this.audio) {
      await this.start();
      return;
    }
    const broken = [this.audio, ...this.publishers.values()].filter((leg) => leg.broken);
    await Promise.all(broken.map((leg) => leg.rebuild()));
    const subscriber = this.subscriber.connection?.connectionState;
    if (subscriber === 'failed' || subscriber === 'closed') {
      this.deps.onSubscriberFailed();
    }
  }

  /** Closes every connection; the person's devices stay as they are. Safe to call repeatedly. */
  stop(): void {
    this.unfollow?.();
    this.unfollow = undefined;
    clearInterval(this.statsTimer);
    this.statsTimer = undefined;
    this.audio?.close();
    this.audio = undefined;
    for (const kind of [...this.publishers.keys()]) {
      this.closePublisher(kind);
    }
    this.subscriber.reset();
    this.deps.update({ remoteAudio: undefined, quality: 'unknown' });
    // Nothing sends the microphone now: level meters (back in the waiting room) show it as it is. The next
    // audio connection closes it again before it is negotiated (`applyMicrophone` in its setup).
    const microphone = this.deps.media.microphone;
    if (microphone) {
      microphone.enabled = true;
    }
  }

  /**
   * Sends a camera or screen. `source` gives the track to send whenever the connection is (re)built: after a device
   * switch that is the new camera. Resolves false when the server refused or the connection failed.
   */
  async publish(kind: VideoKind, source: () => MediaStreamTrack | undefined): Promise<boolean> {
    this.closePublisher(kind);
    const leg = new OffererLeg({
      setup: (peer) => {
        const track = source();
        peer.addTransceiver(track ?? 'video', { direction: 'sendonly', sendEncodings: encodingsFor(kind) });
      },
      negotiate: async (offer, restart) =>
        (
          await this.deps.signalling.request(
            {
              type: 'video.publish',
              id: this.deps.signalling.nextId(),
              kind,
              offer,
              restart,
              ridOrder: RID_ORDER,
            },
            'video.answer',
          )
        ).answer,
      trickle: (candidate) => this.send({ type: 'video.trickle', kind, candidate }),
      onStatus: (status) => this.setLeg(kind, status),
    });
    this.publishers.set(kind, leg);
    try {
      await leg.start();
      return true;
    } catch {
      if (this.publishers.get(kind) === leg) {
        this.closePublisher(kind);
        this.setLeg(kind, 'failed');
      }
      return false;
    }
  }

  /** Stops sending a camera or screen and tells the server. */
  unpublish(kind: VideoKind): void {
    if (this.publishers.has(kind)) {
      this.closePublisher(kind);
      this.send({ type: 'video.unpublish', kind });
    }
  }

  onSubscriberOffer(message: SubscriberOfferMessage): void {
    void this.subscriber.applyOffer({
      revision: message.revision,
      offer: message.offer,
      streams: message.streams,
      newConnection: message.newConnection,
    });
  }

  /** Opens or closes the microphone track to match mute and push-to-talk (a muted track sends silence). */
  applyMicrophone(): void {
    const { local } = this.deps.getState();
    const microphone = this.deps.media.microphone;
    if (microphone) {
      microphone.enabled = !local.micMuted || local.pushToTalk;
    }
  }

  private closePublisher(kind: VideoKind): void {
    this.publishers.get(kind)?.close();
    this.publishers.delete(kind);
  }

  /** Device switches in {@link MeetingMedia} replace the sent tracks without renegotiation. */
  private follow(): void {
    let last = this.deps.media.getSnapshot().stream;
    this.unfollow = this.deps.media.subscribe(() => {
      const { stream } = this.deps.media.getSnapshot();
      if (stream === last) {
        return;
      }
      last = stream;
      const microphone = this.deps.media.microphone;
      if (microphone) {
        void this.audio?.replaceTrack('audio', microphone);
        this.applyMicrophone();
      }
      const camera = this.deps.media.camera;
      if (camera) {
        void this.publishers.get('camera')?.replaceTrack('video', camera);
      }
    });
  }

  private startStats(): void {
    this.lastSample = undefined;
    this.recentQuality = [];
    this.statsTimer = setInterval(() => void this.measure(), STATS_INTERVAL_MS);
  }

  private async measure(): Promise<void> {
    const report = await this.audio?.stats();
    if (!report) {
      return;
    }
    const sample = readStats(report.values() as Iterable<Record<string, unknown>>);
    const judged = judgeConnection(this.lastSample, sample);
    this.lastSample = sample;
    this.recentQuality = [...this.recentQuality, judged].slice(-QUALITY_WINDOW);
    const quality = shownQuality(this.recentQuality);
    if (quality !== this.deps.getState().quality) {
      this.deps.update({ quality });
    }
  }

  private setLeg(leg: keyof MeetingState['legs'], status: LegStatus): void {
    const legs = this.deps.getState().legs;
    if (legs[leg] !== status) {
      this.deps.update({ legs: { ...legs, [leg]: status } });
    }
  }

  private send(message: ClientMessage): void {
    try {
      this.deps.signalling.send(message);
    } catch {
      // The socket is reconnecting; after the rejoin every connection is set up anew.
    }
  }
}
