// A small SIP caller for the phone benchmarks: INVITE with a PCMU offer, ACK, RFC 4733 digits, a tone as the
// microphone, and what comes back recorded per 20 ms packet (arrival, sequence, timestamp, tone share, level).
// UDP on loopback only. Many legs share one 20 ms ticker, so the sending side costs little CPU next to the server.
import { randomBytes, randomInt } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { toneShare } from '../e2e/support/wav-tone.js';
import { decodeFrame, toneFrames } from './g711.js';

const FRAME_MS = 20;
const SILENCE = Buffer.alloc(160, 0xff);
const EVENT_CODES: Record<string, number> = { '*': 10, '#': 11 };

/** What one packet from the gateway carried. */
export interface Heard {
  at: number;
  sequence: number;
  timestamp: number;
  /** Share of the listened-for frequency in this 20 ms frame (0 … 1, Goertzel). */
  share: number;
  /** RMS of the decoded frame (16-bit scale). */
  rms: number;
}

/** One frame "is the meeting's tone": nearly pure and not quiet (the spoken prompts never are). */
export function isTone(heard: Heard): boolean {
  return heard.share > 0.7 && heard.rms > 300;
}

/** Sends every leg's next packet every 20 ms, on deadlines from the start (timer lateness does not add up). */
export class Ticker {
  private readonly legs = new Set<PhoneLeg>();
  private timer: NodeJS.Timeout | undefined;
  private readonly startedAt = performance.now();
  private ticks = 0;

  add(leg: PhoneLeg): void {
    this.legs.add(leg);
    if (!this.timer) {
      this.schedule();
    }
  }

  remove(leg: PhoneLeg): void {
    this.legs.delete(leg);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.ticks += 1;
    const delay = Math.max(0, this.startedAt + this.ticks * FRAME_MS - performance.now());
    this.timer = setTimeout(() => {
      for (const leg of this.legs) {
        leg.tick();
      }
      this.schedule();
    }, delay);
  }
}

interface Dialog {
  toTag: string;
  remoteTarget: string;
}

export interface LegOptions {
  gateway: { host: string; port: number };
  /** The number in From (digits with +). */
  caller: string;
  /** The tone this caller plays; undefined sends silence. */
  toneHz?: number;
  /** The frequency whose share is measured in what comes back. */
  listenHz: number;
  ticker: Ticker;
}

/** One phone call from INVITE to BYE. */
export class PhoneLeg {
  readonly heard: Heard[] = [];
  invitedAt = 0;
  ringingAt: number | undefined;
  answeredAt: number | undefined;
  /** When the last queued key was pressed (its first event packet: the gateway acts on that one). */
  digitsSentAt: number | undefined;
  endedAt: number | undefined;
  endedBy: 'us' | 'gateway' | undefined;

  private readonly sip: Socket;
  private readonly rtp: Socket;
  private sipPort = 0;
  private rtpPort = 0;
  private readonly callId = `${randomBytes(8).toString('hex')}@127.0.0.1`;
  private readonly fromTag = randomBytes(6).toString('hex');
  private dialog: Dialog | undefined;
  private media: { host: string; port: number; payloadType: number; eventType: number } | undefined;
  private readonly ssrc = randomInt(2 ** 32);
  private sequence = randomInt(2 ** 16);
  private timestamp = randomInt(2 ** 31);
  private readonly nextFrame: () => Buffer;
  private readonly digits: string[] = [];
  private event: { code: number; timestamp: number; step: number } | undefined;
  private gapTicks = 0;
  private retransmit: NodeJS.Timeout | undefined;
  private answered!: (answeredAt: number) => void;
  private failed!: (error: Error) => void;
  readonly answer: Promise<number>;

  private constructor(private readonly options: LegOptions) {
    this.sip = createSocket('udp4');
    this.rtp = createSocket('udp4');
    this.nextFrame = options.toneHz === undefined ? () => SILENCE : toneFrames(options.toneHz, 0.25);
    this.answer = new Promise<number>((resolve, reject) => {
      this.answered = resolve;
      this.failed = reject;
    });
    // A call that is never answered must not be an unhandled rejection when nobody awaits it.
    this.answer.catch(() => undefined);
  }

  /** Binds both sockets and sends the INVITE; `answer` resolves when the 200 OK has been acknowledged. */
  static async dial(options: LegOptions): Promise<PhoneLeg> {
    const leg = new PhoneLeg(options);
    await leg.bind();
    leg.invite();
    return leg;
  }

  /** Queues keys to be sent as RFC 4733 events (100 ms each, 80 ms apart). */
  press(keys: string): void {
    this.digits.push(...keys.split(''));
  }

  get typing(): boolean {
    return this.event !== undefined || this.digits.length > 0;
  }

  /** The first packet of the first run of three frames with the meeting's tone, or undefined. */
  firstToneAt(after = 0): number | undefined {
    for (let index = 0; index + 2 < this.heard.length; index += 1) {
      const run = this.heard.slice(index, index + 3);
      if (run.every(isTone) && (run[0]?.at ?? 0) >= after) {
        return run[0]?.at;
      }
    }
    return undefined;
  }

  async hangUp(): Promise<void> {
    this.options.ticker.remove(this);
    if (this.dialog && this.endedAt === undefined) {
      this.endedAt = performance.now();
      this.endedBy = 'us';
      this.sendSip(this.request('BYE', 2, this.dialog));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    clearTimeout(this.retransmit);
    this.sip.close();
    this.rtp.close();
  }

  /** One 20 ms step: the next digit packet, or the next audio frame. */
  tick(): void {
    if (!this.media || this.endedAt !== undefined) {
      return;
    }
    this.timestamp = (this.timestamp + 160) >>> 0;
    if (this.gapTicks > 0) {
      this.gapTicks -= 1;
    } else if (!this.event && this.digits.length > 0) {
      const key = this.digits.shift() ?? '';
      this.event = { code: EVENT_CODES[key] ?? Number(key), timestamp: this.timestamp, step: 0 };
      if (this.digits.length === 0) {
        this.digitsSentAt = performance.now();
      }
    }
    if (this.event) {
      this.sendEvent(this.event);
      return;
    }
    this.sendRtp(this.media.payloadType, this.nextFrame(), false, this.timestamp);
  }

  private sendEvent(event: { code: number; timestamp: number; step: number }): void {
    const media = this.media;
    if (!media) {
      return;
    }
    // Five packets of growing duration, then the end packet three times (RFC 4733 §2.5.1.4).
    const duration = Math.min(5, event.step + 1) * 160;
    const end = event.step >= 5;
    const payload = Buffer.from([event.code, end ? 0x8a : 0x0a, duration >> 8, duration & 0xff]);
    this.sendRtp(media.eventType, payload, event.step === 0, event.timestamp);
    event.step += 1;
    if (event.step >= 8) {
      this.event = undefined;
      this.gapTicks = 4;
    }
  }

  private sendRtp(payloadType: number, payload: Buffer, marker: boolean, timestamp: number): void {
    const media = this.media;
    if (!media) {
      return;
    }
    const packet = Buffer.alloc(12 + payload.length);
    packet[0] = 0x80;
    packet[1] = (marker ? 0x80 : 0) | payloadType;
    packet.writeUInt16BE(this.sequence, 2);
    packet.writeUInt32BE(timestamp, 4);
    packet.writeUInt32BE(this.ssrc, 8);
    payload.copy(packet, 12);
    this.sequence = (this.sequence + 1) & 0xffff;
    this.rtp.send(packet, media.port, media.host);
  }

  private async bind(): Promise<void> {
    const bind = (socket: Socket) =>
      new Promise<number>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(0, '127.0.0.1', () => resolve(socket.address().port));
      });
    this.sipPort = await bind(this.sip);
    this.rtpPort = await bind(this.rtp);
    this.sip.on('message', (message) => this.onSip(message.toString('utf8')));
    this.rtp.on('message', (packet) => this.onRtp(packet));
  }

  private invite(): void {
    const { host, port } = this.options.gateway;
    const sdp = [
      'v=0',
      `o=- ${randomInt(1e9)} 1 IN IP4 127.0.0.1`,
      's=bench',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      `m=audio ${this.rtpPort} RTP/AVP 0 101`,
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:101 telephone-event/8000',
      'a=fmtp:101 0-15',
      'a=ptime:20',
      'a=sendrecv',
      '',
    ].join('\r\n');
    const message = this.request('INVITE', 1, undefined, `sip:dialin@${host}:${port}`, sdp);
    this.invitedAt = performance.now();
    let interval = 500;
    const send = () => {
      this.sendSip(message);
      this.retransmit = setTimeout(send, interval);
      interval = Math.min(interval * 2, 4000);
    };
    send();
  }

  private request(
    method: string,
    cseq: number,
    dialog: Dialog | undefined,
    uri = dialog?.remoteTarget ?? '',
    body = '',
    branch = `z9hG4bK${randomBytes(8).toString('hex')}`,
  ): string {
    const { host, port } = this.options.gateway;
    const lines = [
      `${method} ${uri} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${this.sipPort};branch=${branch};rport`,
      'Max-Forwards: 70',
      `From: <sip:${this.options.caller}@127.0.0.1>;tag=${this.fromTag}`,
      `To: <sip:dialin@${host}:${port}>${dialog ? `;tag=${dialog.toTag}` : ''}`,
      `Call-ID: ${this.callId}`,
      `CSeq: ${cseq} ${method === 'ACK' ? 'ACK' : method}`,
      `Contact: <sip:${this.options.caller}@127.0.0.1:${this.sipPort}>`,
      'User-Agent: treffpunkt-bench',
    ];
    if (body) {
      lines.push('Content-Type: application/sdp');
    }
    lines.push(`Content-Length: ${Buffer.byteLength(body)}`, '', body);
    return lines.join('\r\n');
  }

  private sendSip(message: string): void {
    const { host, port } = this.options.gateway;
    this.sip.send(message, port, host);
  }

  private onSip(text: string): void {
    const [head = '', body = ''] = text.split(/\r\n\r\n/, 2);
    const [first = '', ...headerLines] = head.split('\r\n');
    const header = (name: string) =>
      headerLines
        .find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
        ?.replace(/^[^:]*:\s*/, '');
    const status = /^SIP\/2\.0 (\d{3})/.exec(first);
    if (!status) {
      this.onRequest(first, headerLines);
      return;
    }
    const code = Number(status[1]);
    const cseq = header('CSeq') ?? '';
    if (!cseq.endsWith('INVITE')) {
      return;
    }
    clearTimeout(this.retransmit);
    if (code === 180 || code === 183) {
      this.ringingAt ??= performance.now();
      return;
    }
    if (code < 200) {
      return;
    }
    if (code >= 300) {
      // Our transaction layer would ACK non-2xx finals; the gateway only needs it to stop retransmitting.
      this.sendSip(this.request('ACK', 1, undefined, `sip:dialin@${this.options.gateway.host}`));
      this.failed(new Error(`call refused with ${code}`));
      return;
    }
    const toTag = /;tag=([^;>\s]+)/.exec(header('To') ?? '')?.[1] ?? '';
    const remoteTarget = /<([^>]+)>/.exec(header('Contact') ?? '')?.[1] ?? `sip:dialin@127.0.0.1`;
    this.dialog ??= { toTag, remoteTarget };
    this.sendSip(this.request('ACK', 1, this.dialog));
    if (this.answeredAt !== undefined) {
      return;
    }
    this.answeredAt = performance.now();
    const host = /^c=IN IP4 (\S+)/m.exec(body)?.[1] ?? '127.0.0.1';
    const media = /^m=audio (\d+) RTP\/AVP (\d+)/m.exec(body);
    const eventType = /^a=rtpmap:(\d+) telephone-event\/8000/m.exec(body)?.[1];
    if (!media || media[2] !== '0') {
      this.failed(new Error('the answer did not choose PCMU'));
      return;
    }
    this.media = { host, port: Number(media[1]), payloadType: 0, eventType: Number(eventType ?? 101) };
    this.options.ticker.add(this);
    this.answered(this.answeredAt);
  }

  private onRequest(first: string, headerLines: string[]): void {
    const method = first.split(' ')[0] ?? '';
    const copied = headerLines.filter((line) => /^(via|from|to|call-id|cseq|v|f|t|i):/i.test(line));
    this.sip.send(
      ['SIP/2.0 200 OK', ...copied, 'Content-Length: 0', '', ''].join('\r\n'),
      this.options.gateway.port,
      this.options.gateway.host,
    );
    if (method === 'BYE' && this.endedAt === undefined) {
      this.endedAt = performance.now();
      this.endedBy = 'gateway';
      this.options.ticker.remove(this);
    }
  }

  private onRtp(packet: Buffer): void {
    if (packet.length < 12 || (packet[1] ?? 0) % 128 !== 0) {
      return;
    }
    const samples = decodeFrame(packet.subarray(12));
    let energy = 0;
    for (const sample of samples) {
      energy += sample * sample;
    }
    this.heard.push({
      at: performance.now(),
      sequence: packet.readUInt16BE(2),
      timestamp: packet.readUInt32BE(4),
      share: toneShare(samples, 8000, this.options.listenHz),
      rms: Math.sqrt(energy / Math.max(1, samples.length)),
    });
  }
}
