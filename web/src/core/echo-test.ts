import type { IceCandidate, ServerMessage } from '@treffpunkt/protocol';
import { echoProblemFromError, type EchoProblem } from './echo-test-fns';
import type { LocalMedia } from './local-media';
import { SignallingClient } from './signalling-client';
import { signallingUrl } from './signalling-fns';
import { Store } from './store';

/**
 * - `idle`: not running (never started, or stopped by the person).
 * - `connecting`: setting up; `interrupted`: was connected, the network dropped, the browser is retrying.
 * - `connected`: media flows back; the person should see and hear themselves.
 * - `failed`: could not connect or broke off; `problem` says why.
 * - `ended`: the server ended the test; `problem` says why.
 */
export type EchoPhase = 'idle' | 'connecting' | 'connected' | 'interrupted' | 'failed' | 'ended';

export interface EchoState {
  phase: EchoPhase;
  problem: EchoProblem | undefined;
  /** What came back from the server. */
  remoteStream: MediaStream | undefined;
}

export interface EchoTestOptions {
  /** Signalling address; default: `/api/signal` on this site. */
  url?: string;
  /** How long connecting may take before the test counts as failed. Default 20 s. */
  connectTimeoutMs?: number;
}

const initialState: EchoState = { phase: 'idle', problem: undefined, remoteStream: undefined };

/**
 * "Test your setup": sends the person's camera and microphone to the server, which loops them back through Janus's
 * EchoTest plugin. Every browser and server event becomes a state change here, never in a component (style.md §14).
 * Follows camera/microphone switches in {@link LocalMedia} with `replaceTrack`. `stop()` is idempotent.
 */
export class EchoTest extends Store<EchoState> {
  private client: SignallingClient | undefined;
  private peer: RTCPeerConnection | undefined;
  private senders: RTCRtpSender[] = [];
  private pendingCandidates: IceCandidate[] | undefined;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private unfollowMedia: (() => void) | undefined;

  constructor(
    private readonly media: LocalMedia,
    private readonly options: EchoTestOptions = {},
  ) {
    super(initialState);
  }

  /** Starts the echo test with the current camera and microphone. */
  async start(): Promise<void> {
    this.teardown(false);
    const generation = this.generation;
    const stream = this.media.getSnapshot().stream;
    if (!stream || stream.getTracks().length === 0) {
      this.setState({ ...initialState, phase: 'failed', problem: 'no_media' });
      return;
    }
    this.setState({ ...initialState, phase: 'connecting' });

    const client = new SignallingClient({ url: this.options.url ?? signallingUrl(window.location) });
    this.client = client;
    client.on('message', (message) => this.onServerMessage(message));
    client.on('state', (state) => {
      if (state === 'closed' && this.client === client) {
        this.fail('closed');
      }
    });
    this.connectTimer = setTimeout(
      // Answer applied but no media path: a network problem. No answer yet: the server did not reply.
      () => this.fail(this.peer && !this.pendingCandidates ? 'ice_failed' : 'timeout'),
      this.options.connectTimeoutMs ?? 20_000,
    );

    try {
      await client.connect();
      if (generation !== this.generation) {
        return;
      }
      const peer = new RTCPeerConnection({ iceServers: [] });
      this.peer = peer;
      this.pendingCandidates = [];
      peer.addEventListener('icecandidate', (event) => this.onLocalCandidate(event.candidate));
      peer.addEventListener('track', (event) => this.onRemoteTrack(event.track));
      peer.addEventListener('connectionstatechange', () => this.onConnectionState(peer.connectionState));
      this.senders = stream.getTracks().map((track) => peer.addTrack(track, stream));
      this.followMedia(stream);

      const offer = await peer.createOffer();
      await peer.setLocalDescription(offer);
      const local = peer.localDescription ?? offer;
      const reply = await client.request(
        { type: 'echo.start', id: client.nextId(), offer: { type: 'offer', sdp: local.sdp ?? '' } },
        'echo.answer',
      );
      if (generation !== this.generation) {
        return;
      }
      await peer.setRemoteDescription(reply.answer);
      this.flushCandidates();
    } catch (error) {
      if (generation === this.generation) {
        this.fail(echoProblemFromError(error));
      }
    }
  }

  /** Ends the test on the person's request: tells the server, closes everything, back to `idle`. */
  stop(): void {
    this.teardown(true);
    this.setState(initialState);
  }

  private onServerMessage(message: ServerMessage): void {
    if (message.type === 'echo.ended') {
      if (message.reason === 'stopped' && this.getSnapshot().phase === 'idle') {
        return;
      }
      this.teardown(false);
      this.setState({ phase: 'ended', problem: message.reason, remoteStream: undefined });
    } else if (message.type === 'error' && message.id === undefined) {
      // Errors that belong to the start request reject that request instead.
      if (this.getSnapshot().phase === 'connecting') {
        this.fail(message.error);
      }
    }
  }

  private onLocalCandidate(candidate: RTCIceCandidate | null): void {
    if (candidate !== null && candidate.candidate === '') {
      return; // Some browsers mark the end of one generation this way; the final `null` follows.
    }
    const wire: IceCandidate = candidate === null ? null : toWireCandidate(candidate.toJSON());
    if (this.pendingCandidates) {
      this.pendingCandidates.push(wire);
    } else {
      this.sendCandidate(wire);
    }
  }

  /** Candidates wait until the answer is applied, so the server always has the session they belong to. */
  private flushCandidates(): void {
    const waiting = this.pendingCandidates ?? [];
    this.pendingCandidates = undefined;
    for (const candidate of waiting) {
      this.sendCandidate(candidate);
    }
  }

  private sendCandidate(candidate: IceCandidate): void {
    try {
      this.client?.send({ type: 'echo.trickle', candidate });
    } catch {
      // The socket closed; its state event reports the failure.
    }
  }

  private onRemoteTrack(track: MediaStreamTrack): void {
    const current = this.getSnapshot().remoteStream;
    const tracks = (current?.getTracks() ?? []).filter((existing) => existing.id !== track.id);
    this.setState({ remoteStream: new MediaStream([...tracks, track]) });
  }

  private onConnectionState(state: RTCPeerConnectionState): void {
    const { phase } = this.getSnapshot();
    if (state === 'connected') {
      clearTimeout(this.connectTimer);
      this.setState({ phase: 'connected', problem: undefined });
    } else if (state === 'disconnected' && phase === 'connected') {
      this.setState({ phase: 'interrupted' });
    } else if (state === 'failed') {
      this.fail('ice_failed');
    }
  }

  /** Camera or microphone switched in {@link LocalMedia}: the new track replaces the old one without renegotiation. */
  private followMedia(initial: MediaStream): void {
    let last: MediaStream | undefined = initial;
    this.unfollowMedia = this.media.subscribe(() => {
      const { stream } = this.media.getSnapshot();
      if (stream !== last) {
        last = stream;
        this.followTracks(stream);
      }
    });
  }

  private followTracks(stream: MediaStream | undefined): void {
    if (!this.peer) {
      return;
    }
    if (!stream) {
      this.stop();
      return;
    }
    for (const sender of this.senders) {
      const kind = sender.track?.kind ?? kindOfSender(sender, this.peer);
      const replacement = stream.getTracks().find((track) => track.kind === kind) ?? null;
      if (replacement !== sender.track) {
        void sender.replaceTrack(replacement).catch(() => undefined);
      }
    }
  }

  private fail(problem: EchoProblem): void {
    const { phase } = this.getSnapshot();
    if (phase === 'idle' || phase === 'failed' || phase === 'ended') {
      return;
    }
    this.teardown(true);
    this.setState({ phase: 'failed', problem, remoteStream: undefined });
  }

  /** Closes peer connection and socket; with `tellServer`, sends `echo.stop` first when possible. */
  private teardown(tellServer: boolean): void {
    this.generation += 1;
    this.unfollowMedia?.();
    this.unfollowMedia = undefined;
    clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
    const client = this.client;
    this.client = undefined;
    if (client) {
      if (tellServer && client.currentState === 'open') {
        try {
          client.send({ type: 'echo.stop' });
        } catch {
          // Closing anyway.
        }
      }
      client.close();
    }
    this.peer?.close();
    this.peer = undefined;
    this.senders = [];
    this.pendingCandidates = undefined;
  }
}

function toWireCandidate(init: RTCIceCandidateInit): IceCandidate {
  return {
    candidate: init.candidate ?? '',
    sdpMid: init.sdpMid ?? null,
    sdpMLineIndex: init.sdpMLineIndex ?? null,
  };
}

function kindOfSender(sender: RTCRtpSender, peer: RTCPeerConnection): string | undefined {
  return peer.getTransceivers().find((transceiver) => transceiver.sender === sender)?.receiver.track.kind;
}
