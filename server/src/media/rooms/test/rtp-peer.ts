import { createSocket, type Socket } from 'node:dgram';
import { randomInt } from 'node:crypto';
import { decodeRtp, encodeRtp, linearToMulaw, mulawToLinear, sineFrame } from './rtp-tone.js';

const PCMU = 0;
const FRAME_MS = 20;

/**
 * A stand-in for the SIP gateway's RTP end of one call, on 127.0.0.1 only: sends a μ-law tone (or silence)
 * every 20 ms to Janus and keeps the decoded audio it receives back.
 */
export class RtpPeer {
  /** Decoded samples received, in arrival order. */
  readonly received: number[] = [];
  packetsReceived = 0;
  private timer: NodeJS.Timeout | undefined;
  private frameIndex = 0;
  private sequence = randomInt(0, 0xffff);
  private timestamp = randomInt(0, 0x7fffffff);
  private readonly ssrc = randomInt(1, 0x7fffffff);

  private constructor(private readonly socket: Socket) {
    socket.on('message', (data) => {
      const packet = decodeRtp(data);
      if (packet?.payloadType === PCMU) {
        this.packetsReceived++;
        for (const byte of packet.payload) {
          this.received.push(mulawToLinear(byte));
        }
      }
    });
  }

  static open(): Promise<RtpPeer> {
    return new Promise((resolve, reject) => {
      const socket = createSocket('udp4');
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve(new RtpPeer(socket)));
    });
  }

  get port(): number {
    return this.socket.address().port;
  }

  /**
   * Starts sending to Janus's `local` end: a sine of `frequency` Hz at `amplitude` (0 = silence), optionally
   * with an RFC 6464 audio level in extension `audioLevelId`.
   */
  start(
    local: { ip: string; port: number },
    tone: { frequency: number; amplitude: number; audioLevelId?: number },
  ): void {
    if (local.ip !== '127.0.0.1') {
      throw new Error('Tests send RTP to loopback only');
    }
    this.stop();
    this.timer = setInterval(() => {
      const frame = sineFrame(tone.frequency, tone.amplitude, this.frameIndex++);
      const payload = Uint8Array.from(frame, linearToMulaw);
      const packet = encodeRtp({
        payloadType: PCMU,
        sequence: this.sequence++,
        timestamp: this.timestamp,
        ssrc: this.ssrc,
        payload,
        ...(tone.audioLevelId !== undefined
          ? { audioLevel: { id: tone.audioLevelId, level: tone.amplitude > 0 ? 10 : 127, voice: true } }
          : {}),
      });
      this.timestamp += frame.length;
      this.socket.send(packet, local.port, local.ip);
    }, FRAME_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The last `ms` of received audio. */
  lastReceived(ms: number): number[] {
    return this.received.slice(-Math.round((ms / 1000) * 8000));
  }

  close(): Promise<void> {
    this.stop();
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
