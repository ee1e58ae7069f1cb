import type { IceCandidate, SessionDescription } from '@treffpunkt/protocol';
import type { LegStatus } from './meeting-types';
import { toWireCandidate } from './peer-fns';

export interface OffererLegOptions {
  /** Adds the transceivers to a fresh connection (the microphone, or a camera with its simulcast layers). */
  setup(peer: RTCPeerConnection): void;
  /**
   * Sends the offer to the server and resolves with its answer (`audio.offer`, `video.publish`). `restart` is true
   * when this connection renegotiates (ICE restart), false for a new connection.
   */
  negotiate(offer: SessionDescription, restart: boolean): Promise<SessionDescription>;
  /** Sends one local ICE candidate (`audio.trickle`, `video.trickle`); `null` ends gathering. */
  trickle(candidate: IceCandidate): void;
  onStatus(status: LegStatus): void;
  /** A track arrived from the server (the mixed sound on the audio leg). */
  onTrack?(track: MediaStreamTrack): void;
  /** Creates the connection; tests pass a fake. Default: `new RTCPeerConnection({ iceServers: [] })`. */
  createPeer?: () => RTCPeerConnection;
}

/** How long a restarted connection may take to come back before it is built anew. */
const RESTART_GRACE_MS = 10_000;
/** How long "disconnected" may last before ICE is restarted (it often recovers by itself). */
const DISCONNECTED_GRACE_MS = 4_000;
/** Rebuilds in a row before the leg counts as failed. */
const MAX_REBUILDS = 3;

/**
 * One PeerConnection this browser offers on (audio to the AudioBridge, a camera or screen to the VideoRoom).
 * Candidates wait until the answer is applied, so the server always has the session they belong to. When ICE
 * fails the leg first restarts ICE on the same connection (a new offer with `iceRestart`); when that does not
 * bring it back, or the server answers for a new session, it builds a new connection. `close()` is idempotent.
 */
export class OffererLeg {
  private peer: RTCPeerConnection | undefined;
  private pendingCandidates: IceCandidate[] | undefined = [];
  private generation = 0;
  private rebuilds = 0;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(private readonly options: OffererLegOptions) {}

  get connection(): RTCPeerConnection | undefined {
    return this.peer;
  }

  /** Builds a new connection and negotiates it. Resolves when the answer is applied (media may still be starting). */
  async start(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.dropPeer();
    const generation = ++this.generation;
    const peer = (this.options.createPeer ?? (() => new RTCPeerConnection({ iceServers: [] })))();
    this.peer = peer;
    this.pendingCandidates = [];
    peer.addEventListener('icecandidate', (event) => {
      if (generation === this.generation && event.candidate?.candidate !== '') {
        this.queueCandidate(toWireCandidate(event.candidate?.toJSON() ?? null));
      }
    });
    peer.addEventListener('track', (event) => {
      if (generation === this.generation) {
        this.options.onTrack?.(event.track);
      }
    });
    peer.addEventListener('connectionstatechange', () => {
      if (generation === this.generation) {
        this.onConnectionState(peer.connectionState);
      }
    });
    this.options.setup(peer);
    this.options.onStatus('connecting');
    await this.negotiate(generation, false);
  }

  /**
   * Restarts ICE on the same connection to find a new network path (`restart` on the wire). When the server cannot
   * (its side of the connection is gone) a new connection is built.
   */
  async restartIce(): Promise<void> {
    if (!this.peer || this.closed) {
      return;
    }
    this.pendingCandidates = [];
    try {
      await this.negotiate(this.generation, true);
    } catch {
      await this.rebuild();
    }
  }

  /** True when the connection is not working and is not being repaired. */
  get broken(): boolean {
    const state = this.peer?.connectionState;
    return this.peer === undefined || state === 'failed' || state === 'closed';
  }

  /** Replaces the sent track without renegotiation (device switch); `null` sends nothing. */
  async replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    const sender = this.peer
      ?.getTransceivers()
      .find((transceiver) => transceiver.receiver.track.kind === kind)?.sender;
    if (sender && sender.track !== track) {
      await sender.replaceTrack(track).catch(() => undefined);
    }
  }

  async stats(): Promise<RTCStatsReport | undefined> {
    return this.peer?.getStats().catch(() => undefined);
  }

  close(): void {
    this.closed = true;
    this.dropPeer();
    this.options.onStatus('off');
  }

  private async negotiate(generation: number, iceRestart: boolean): Promise<void> {
    const peer = this.peer;
    if (!peer) {
      return;
    }
    const offer = await peer.createOffer(iceRestart ? { iceRestart: true } : {});
    await peer.setLocalDescription(offer);
    const local = peer.localDescription ?? offer;
    const answer = await this.options.negotiate({ type: 'offer', sdp: local.sdp ?? '' }, iceRestart);
    if (generation !== this.generation || this.closed) {
      return;
    }
    await peer.setRemoteDescription(answer);
    const waiting = this.pendingCandidates ?? [];
    this.pendingCandidates = undefined;
    for (const candidate of waiting) {
      this.options.trickle(candidate);
    }
  }

  private queueCandidate(candidate: IceCandidate): void {
    if (this.pendingCandidates) {
      this.pendingCandidates.push(candidate);
    } else {
      this.options.trickle(candidate);
    }
  }

  private onConnectionState(state: RTCPeerConnectionState): void {
    clearTimeout(this.watchdog);
    this.watchdog = undefined;
    switch (state) {
      case 'connected':
        this.rebuilds = 0;
        this.options.onStatus('connected');
        break;
      case 'disconnected':
        this.options.onStatus('restarting');
        this.watchdog = setTimeout(() => void this.restartIce(), DISCONNECTED_GRACE_MS);
        break;
      case 'failed':
        this.options.onStatus('restarting');
        void this.restartIce();
        this.watchdog = setTimeout(() => void this.rebuild(), RESTART_GRACE_MS);
        break;
      default:
        break;
    }
  }

  /** Builds a new connection; after {@link MAX_REBUILDS} in a row without success the leg counts as failed. */
  async rebuild(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.rebuilds += 1;
    if (this.rebuilds > MAX_REBUILDS) {
      this.dropPeer();
      this.options.onStatus('failed');
      return;
    }
    try {
      await this.start();
    } catch {
      this.options.onStatus('failed');
    }
  }

  private dropPeer(): void {
    clearTimeout(this.watchdog);
    this.watchdog = undefined;
    this.generation += 1;
    this.peer?.close();
    this.peer = undefined;
    this.pendingCandidates = undefined;
  }
}
