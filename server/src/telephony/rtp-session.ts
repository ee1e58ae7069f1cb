import type { Socket } from 'node:dgram';
import { randomInt } from 'node:crypto';
import { describeError, type Logger } from '../lib/logger.js';
import { TypedEmitter } from '../lib/typed-emitter.js';
import type { MixerBridge } from './dial-in-port.js';
import { type Digit, type DtmfState, initialDtmfState, receiveTelephoneEvent } from './dtmf-fns.js';
import { overlay } from './g711-fns.js';
import {
  FRAME_BYTES,
  FRAME_MS,
  frames,
  nextPacket,
  parseRtp,
  type RtpClock,
  SILENCE_BYTE,
} from './rtp-fns.js';
import type { RtpPortRange } from './rtp-ports.js';
import type { G711 } from './sdp-fns.js';

export type RtpSessionEvents = {
  digit: [digit: Digit];
  /** The prompt queue has played to its end (not sent after `stopPrompts`). */
  drained: [];
};

/** How long after the mixer's last packet the session fills in silence itself. */
const MIX_GAP_MS = 100;
/** Meeting frames kept for laying under a prompt: the mixer's and our 20 ms clocks are not aligned. */
const MIX_BACKLOG = 3;

/**
 * One caller's media: an RTP socket facing the phone, a 20 ms pacer that plays prompts (or silence), RFC 4733
 * digits from the caller, and an optional bridge to the AudioBridge mixer (a second socket facing Janus).
 * The caller hears one continuous stream (our SSRC, sequence and timestamps) whether it carries a prompt or
 * the meeting; while a prompt plays, the meeting goes on quietly under it (g711-fns.ts `overlay`), so a caller
 * who has just been let in hears the meeting at once and not only after "you are now in the meeting …".
 */
export class RtpSession extends TypedEmitter<RtpSessionEvents> {
  private remote: { address: string; port: number } | undefined;
  private clock: RtpClock = {
    ssrc: randomInt(2 ** 32),
    sequence: randomInt(2 ** 16),
    timestamp: randomInt(2 ** 32),
  };
  private queue: Buffer[] = [];
  /** Meeting frames that arrived while a prompt was playing, oldest first. */
  private underPrompt: Buffer[] = [];
  private dtmf: DtmfState = initialDtmfState;
  private pacer: NodeJS.Timeout | undefined;
  private ticks = 0;
  private startedAt = 0;
  private lastMixAt = 0;
  private sentAny = false;
  private bridge: RelayBridge | undefined;
  private closed = false;
  /** Whether the caller's audio goes to the mixer (false while in the menu or the waiting room). */
  forwardCaller = false;

  private constructor(
    private readonly socket: Socket,
    readonly port: number,
    readonly codec: G711,
    readonly payloadType: number,
    private readonly telephoneEvent: number | undefined,
    private readonly allowedAddresses: Set<string>,
    private readonly ports: RtpPortRange,
    private readonly bridgeHost: string,
    logger: Logger,
  ) {
    super((error, event) => logger.error({ err: describeError(error), event }, 'rtp listener failed'));
    socket.on('message', (packet, info) => this.fromCaller(packet, info.address, info.port));
    socket.on('error', (error) => logger.warn({ err: describeError(error) }, 'rtp socket error'));
  }

  static async open(params: {
    ports: RtpPortRange;
    codec: G711;
    payloadType: number;
    telephoneEvent: number | undefined;
    /** Addresses the caller's media may come from: the SDP's and the SIP peer's. */
    allowedAddresses: string[];
    bridgeHost: string;
    logger: Logger;
  }): Promise<RtpSession> {
    const { socket, port } = await params.ports.bind();
    return new RtpSession(
      socket,
      port,
      params.codec,
      params.payloadType,
      params.telephoneEvent,
      new Set(params.allowedAddresses),
      params.ports,
      params.bridgeHost,
      params.logger,
    );
  }

  /** Where the caller wants our audio (SDP c=/m=); starts the pacer on the first call. */
  setRemote(address: string, port: number): void {
    this.remote = { address, port };
    this.allowedAddresses.add(address);
    if (!this.pacer && !this.closed) {
      this.startedAt = performance.now();
      this.schedule();
    }
  }

  /** Queues G.711 audio (a prompt) behind what is already queued. */
  play(audio: Buffer): void {
    this.queue.push(...frames(audio, SILENCE_BYTE[this.codec]));
  }

  stopPrompts(): void {
    this.queue = [];
    this.underPrompt = [];
  }

  get playing(): boolean {
    return this.queue.length > 0;
  }

  /** The relay towards the mixer; one per call (a second call returns the same bridge). */
  async openBridge(): Promise<MixerBridge> {
    if (this.closed) {
      throw new Error('The call has ended');
    }
    if (!this.bridge) {
      const { socket, port } = await this.ports.bind(this.bridgeHost);
      this.bridge = new RelayBridge(socket, { ip: this.bridgeHost, port }, (payload) =>
        this.fromMixer(payload),
      );
    }
    return this.bridge;
  }

  close(): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    clearTimeout(this.pacer);
    this.bridge?.close();
    this.socket.close();
    this.removeAllListeners();
  }

  private schedule(): void {
    // Deadlines from the start time, not from the last tick: timer lateness does not accumulate.
    this.ticks += 1;
    const delay = Math.max(0, this.startedAt + this.ticks * FRAME_MS - performance.now());
    this.pacer = setTimeout(() => {
      this.tick();
      if (!this.closed) {
        this.schedule();
      }
    }, delay);
  }

  private tick(): void {
    const frame = this.queue.shift();
    if (frame) {
      const meeting = this.underPrompt.shift();
      this.sendToCaller(meeting ? overlay(frame, meeting, this.codec) : frame);
      if (this.queue.length === 0) {
        this.underPrompt = [];
        this.emit('drained');
      }
      return;
    }
    if (this.bridge?.connected && performance.now() - this.lastMixAt < MIX_GAP_MS) {
      return;
    }
    this.sendToCaller(Buffer.alloc(FRAME_BYTES, SILENCE_BYTE[this.codec]));
  }

  private sendToCaller(payload: Buffer): void {
    if (!this.remote || this.closed) {
      return;
    }
    const { packet, clock } = nextPacket(this.clock, this.payloadType, payload, !this.sentAny);
    this.clock = clock;
    this.sentAny = true;
    this.socket.send(packet, this.remote.port, this.remote.address);
  }

  private fromMixer(payload: Buffer): void {
    this.lastMixAt = performance.now();
    if (this.queue.length === 0) {
      this.sendToCaller(payload);
      return;
    }
    this.underPrompt.push(payload);
    if (this.underPrompt.length > MIX_BACKLOG) {
      this.underPrompt.shift();
    }
  }

  private fromCaller(packet: Buffer, address: string, port: number): void {
    // Media from anyone else could inject digits (a PIN guess) or audio into the meeting.
    if (!this.allowedAddresses.has(address)) {
      return;
    }
    const rtp = parseRtp(packet);
    if (!rtp) {
      return;
    }
    // Symmetric RTP: answer where the caller's packets come from (NAT), once we know it is the caller.
    if (this.remote?.address === address && this.remote.port !== port) {
      this.remote = { address, port };
    }
    if (this.telephoneEvent !== undefined && rtp.payloadType === this.telephoneEvent) {
      const result = receiveTelephoneEvent(this.dtmf, rtp.timestamp, rtp.payload);
      this.dtmf = result.state;
      if (result.digit) {
        this.emit('digit', result.digit);
      }
      return;
    }
    if (rtp.payloadType === this.payloadType && this.forwardCaller) {
      this.bridge?.forward(packet);
    }
  }
}

/** The socket facing the mixer: caller packets go out to Janus, the mix comes back from Janus only. */
class RelayBridge implements MixerBridge {
  private mixer: { ip: string; port: number } | undefined;
  private closed = false;

  constructor(
    private readonly socket: Socket,
    readonly address: { ip: string; port: number },
    onMix: (payload: Buffer) => void,
  ) {
    socket.on('message', (packet, info) => {
      if (this.mixer?.ip !== info.address || this.mixer.port !== info.port) {
        return;
      }
      const rtp = parseRtp(packet);
      if (rtp && rtp.payload.length > 0) {
        onMix(rtp.payload);
      }
    });
    socket.on('error', () => undefined);
  }

  get connected(): boolean {
    return this.mixer !== undefined && !this.closed;
  }

  connect(mixer: { ip: string; port: number }): void {
    this.mixer = mixer;
  }

  forward(packet: Buffer): void {
    if (this.mixer && !this.closed) {
      this.socket.send(packet, this.mixer.port, this.mixer.ip);
    }
  }

  close(): void {
    if (!this.closed) {
      this.closed = true;
      this.mixer = undefined;
      this.socket.close();
    }
  }
}
