// What the live-meeting benchmarks read inside a page. `installProbe` runs before the app's own code (an init
// script), so it sees every WebSocket and RTCPeerConnection the app creates. Times are `Date.now()` in the page.
import type { BrowserContext, Page } from 'playwright-core';

export interface SentMessage {
  at: number;
  type: string;
  /** Present on requests: the client waits for a reply with the same id (a signalling round trip). */
  id?: string;
}

export interface ProbeRecord {
  /** When the "Beitreten" button was clicked (capture-phase listener, before the app's handler). */
  clickAt?: number;
  /** First time a received audio track carried sound (WebAudio analyser, RMS over 512 samples > 0.01). */
  audibleAt?: number;
  /** First time getStats showed inbound audio with audioLevel > 0.01 (cross-check; Chromium caches stats ~50 ms). */
  statsAudibleAt?: number;
  socketsOpened: number[];
  sent: SentMessage[];
  received: Array<{ at: number; type: string }>;
  /** When each RTCPeerConnection reached `connected` (ICE + DTLS done). */
  connectedAt: number[];
  /** The video layers asked for in the last `video.subscribe` (tile size and connection quality decide). */
  subscribed: string[];
}

const probeScript = () => {
  const record: ProbeRecord = { socketsOpened: [], sent: [], received: [], connectedAt: [], subscribed: [] };
  const pcs: RTCPeerConnection[] = [];
  const w = window as unknown as { __probe: ProbeRecord; __pcs: RTCPeerConnection[] };
  w.__probe = record;
  w.__pcs = pcs;

  document.addEventListener(
    'click',
    (event) => {
      const button = (event.target as Element | null)?.closest('button[type="submit"]');
      if (button?.textContent.trim() === 'Beitreten' && record.clickAt === undefined) {
        record.clickAt = Date.now();
      }
    },
    true,
  );

  const OriginalSocket = window.WebSocket;
  const Socket = function (this: unknown, url: string | URL, protocols?: string | string[]) {
    const socket = new OriginalSocket(url, protocols);
    socket.addEventListener('open', () => record.socketsOpened.push(Date.now()));
    socket.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (typeof event.data === 'string') {
        const type = (JSON.parse(event.data) as { type?: string }).type ?? '?';
        record.received.push({ at: Date.now(), type });
      }
    });
    return socket;
  } as unknown as typeof WebSocket;
  Object.assign(Socket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  Socket.prototype = OriginalSocket.prototype;
  window.WebSocket = Socket;
  const descriptor = Object.getOwnPropertyDescriptor(OriginalSocket.prototype, 'send');
  const send = descriptor?.value as (
    this: WebSocket,
    data: string | ArrayBufferLike | Blob | ArrayBufferView,
  ) => void;
  OriginalSocket.prototype.send = function (
    this: WebSocket,
    data: string | ArrayBufferLike | Blob | ArrayBufferView,
  ) {
    if (typeof data === 'string') {
      const message = JSON.parse(data) as { type?: string; id?: unknown; feeds?: Array<{ quality: string }> };
      if (message.type === 'video.subscribe') {
        record.subscribed = (message.feeds ?? []).map((feed) => feed.quality);
      }
      record.sent.push({
        at: Date.now(),
        type: message.type ?? '?',
        ...(typeof message.id === 'string' ? { id: message.id } : {}),
      });
    }
    send.call(this, data);
  };

  let context: AudioContext | undefined;
  const listen = (track: MediaStreamTrack) => {
    context ??= new AudioContext();
    void context.resume();
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const timer = setInterval(() => {
      if (record.audibleAt !== undefined || track.readyState === 'ended') {
        clearInterval(timer);
        return;
      }
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) {
        sum += sample * sample;
      }
      if (record.clickAt !== undefined && Math.sqrt(sum / samples.length) > 0.01) {
        record.audibleAt = Date.now();
      }
    }, 5);
  };

  const OriginalPc = window.RTCPeerConnection;
  const Pc = function (this: unknown, config?: RTCConfiguration) {
    const pc = new OriginalPc(config);
    pcs.push(pc);
    pc.addEventListener('track', (event) => {
      if (event.track.kind === 'audio') {
        listen(event.track);
      }
    });
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'connected') {
        record.connectedAt.push(Date.now());
      }
    });
    return pc;
  } as unknown as typeof RTCPeerConnection;
  Pc.prototype = OriginalPc.prototype;
  window.RTCPeerConnection = Pc;

  const statsTimer = setInterval(() => {
    if (record.statsAudibleAt !== undefined) {
      clearInterval(statsTimer);
      return;
    }
    if (record.clickAt === undefined) {
      return;
    }
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') {
        continue;
      }
      void pc.getStats().then((stats) => {
        stats.forEach((report: { type: string; kind?: string; audioLevel?: number }) => {
          if (
            report.type === 'inbound-rtp' &&
            report.kind === 'audio' &&
            (report.audioLevel ?? 0) > 0.01 &&
            record.statsAudibleAt === undefined
          ) {
            record.statsAudibleAt = Date.now();
          }
        });
      });
    }
  }, 20);
};

/** Installs the probe in every page `target` (a page, or all pages of a context) opens from now on. */
export async function installProbe(target: Page | BrowserContext): Promise<void> {
  // tsx (esbuild keepNames) wraps named inner functions in `__name(…)`, which the page does not have.
  await target.addInitScript({ content: `var __name = (f) => f;\n(${probeScript.toString()})();` });
}

export async function probeRecord(page: Page): Promise<ProbeRecord> {
  return page.evaluate(() => (window as unknown as { __probe: ProbeRecord }).__probe);
}

export interface InboundStream {
  /** `<peer connection index>/<stats id>`: stable while the connection lives. */
  key: string;
  kind: 'audio' | 'video';
  /** RTP payload bytes (getStats `bytesReceived`). */
  bytes: number;
  /** RTP header bytes (with header extensions). */
  headerBytes: number;
  packets: number;
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
}

/** getStats reports of one type from every open peer connection of the page, with the connection's index. */
async function statsReports(page: Page, type: 'inbound-rtp' | 'outbound-rtp'): Promise<StatsReport[]> {
  return page.evaluate(async (wanted) => {
    const reports: StatsReport[] = [];
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    for (const [pc, connection] of pcs.entries()) {
      if (connection.connectionState === 'closed') {
        continue;
      }
      const stats = await connection.getStats().catch(() => undefined);
      stats?.forEach((report: Omit<StatsReport, 'pc'> & { type: string }) => {
        if (report.type === wanted) {
          reports.push({ ...report, pc });
        }
      });
    }
    return reports;
  }, type);
}

interface StatsReport {
  pc: number;
  id: string;
  kind?: string;
  rid?: string;
  bytesReceived?: number;
  headerBytesReceived?: number;
  packetsReceived?: number;
  framesDecoded?: number;
  frameWidth?: number;
  frameHeight?: number;
  bytesSent?: number;
  framesPerSecond?: number;
  qualityLimitationReason?: string;
}

/** Every inbound RTP stream of every open peer connection of the page, with its byte count so far. */
export async function inboundStreams(page: Page): Promise<InboundStream[]> {
  return (await statsReports(page, 'inbound-rtp')).map((report) => ({
    key: `${report.pc}/${report.id}`,
    kind: report.kind === 'video' ? 'video' : 'audio',
    bytes: report.bytesReceived ?? 0,
    headerBytes: report.headerBytesReceived ?? 0,
    packets: report.packetsReceived ?? 0,
    framesDecoded: report.framesDecoded ?? 0,
    frameWidth: report.frameWidth ?? 0,
    frameHeight: report.frameHeight ?? 0,
  }));
}

export interface OutboundVideo {
  /** `<peer connection index>/<rid>`. */
  key: string;
  rid: string;
  bytesSent: number;
  frameWidth: number;
  framesPerSecond: number;
  qualityLimitationReason: string;
}

/** What the page's camera encoder sends per simulcast layer, and why it sends less than configured (if it does). */
export async function outboundVideo(page: Page): Promise<OutboundVideo[]> {
  return (await statsReports(page, 'outbound-rtp'))
    .filter((report) => report.kind === 'video')
    .map((report) => ({
      key: `${report.pc}/${report.rid ?? '-'}`,
      rid: report.rid ?? '-',
      bytesSent: report.bytesSent ?? 0,
      frameWidth: report.frameWidth ?? 0,
      framesPerSecond: report.framesPerSecond ?? 0,
      qualityLimitationReason: report.qualityLimitationReason ?? 'none',
    }));
}
