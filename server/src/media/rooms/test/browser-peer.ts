import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { LegCandidate, SdpAnswer, SdpOffer } from '../room-types.js';

/** Flags that make WebRTC to Janus work on loopback with fake devices (shared/docs/testing-media.md). */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
];

/**
 * Runs in the page (plain JS: the server's tsconfig has no DOM types). Named PeerConnections, candidates kept
 * for the test to trickle, and getStats summaries. Simulcast: three rids, as the web app will send them.
 */
const PAGE_HELPER = `
window.tp = {
  pcs: {}, cands: {},
  async open(name, media) {
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
    this.pcs[name] = pc; this.cands[name] = [];
    pc.onicecandidate = (e) => this.cands[name].push(e.candidate ? e.candidate.toJSON() : null);
    if (media.audio || media.video) {
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: !!media.audio, video: media.video ? { width: 1280, height: 720, frameRate: 15 } : false });
      for (const track of stream.getTracks()) {
        const sendEncodings = track.kind === 'video' && media.simulcast ? [
          { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 100000 },
          { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 300000 },
          { rid: 'h', maxBitrate: 900000 }] : undefined;
        pc.addTransceiver(track, { direction: track.kind === 'audio' ? 'sendrecv' : 'sendonly', sendEncodings });
      }
    }
  },
  async offer(name, iceRestart) {
    const offer = await this.pcs[name].createOffer({ iceRestart: !!iceRestart });
    await this.pcs[name].setLocalDescription(offer);
    return { type: offer.type, sdp: offer.sdp };
  },
  async accept(name, answer) { await this.pcs[name].setRemoteDescription(answer); },
  async answer(name, offer) {
    const pc = this.pcs[name];
    await pc.setRemoteDescription(offer);
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    return { type: answer.type, sdp: answer.sdp };
  },
  candidates(name) { return this.cands[name].splice(0); },
  state(name) { return this.pcs[name].connectionState; },
  async inbound(name, kind) {
    const out = [];
    (await this.pcs[name].getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === kind) {
        out.push({ mid: s.mid, frames: s.framesDecoded || 0, width: s.frameWidth || 0, packets: s.packetsReceived || 0 });
      }
    });
    return out;
  },
  async outbound(name) {
    const out = [];
    (await this.pcs[name].getStats()).forEach((s) => {
      if (s.type === 'outbound-rtp' && s.kind === 'video') {
        out.push({ rid: s.rid, width: s.frameWidth || 0, frames: s.framesEncoded || 0, limit: s.qualityLimitationReason, active: s.active, target: s.targetBitrate });
      }
    });
    return out;
  },
  close(name) { this.pcs[name].close(); delete this.pcs[name]; },
};`;

export interface InboundStats {
  mid: string;
  frames: number;
  width: number;
  packets: number;
}

/**
 * One headless Debian Chromium with fake camera and a tone as microphone, on a blank page served from
 * 127.0.0.1 (getUserMedia needs a secure context). Requests to anything else are refused.
 */
export class BrowserPeer {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    private readonly server: Server,
  ) {}

  static async launch(options: { toneHz: number; dir: string }): Promise<BrowserPeer> {
    const tone = path.join(options.dir, `tone${options.toneHz}.wav`);
    if (!existsSync(tone)) {
      const args = [
        '-n',
        '-r',
        '48000',
        '-c',
        '1',
        '-b',
        '16',
        tone,
        'synth',
        '60',
        'sine',
        String(options.toneHz),
      ];
      execFileSync('sox', [...args, 'vol', '0.5']);
    }
    const server = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end('<!doctype html><title>treffpunkt media test</title>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [...CHROMIUM_FLAGS, `--use-file-for-fake-audio-capture=${tone}`],
      env: { ...process.env, TMPDIR: options.dir },
    });
    const page = await browser.newPage();
    await page.route(/^(?!http:\/\/127\.0\.0\.1[:/]).*/, (route) => route.abort('blockedbyclient'));
    const address = server.address();
    await page.goto(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`);
    await page.evaluate(PAGE_HELPER);
    return new BrowserPeer(browser, page, server);
  }

  private call<T>(method: string, ...args: unknown[]): Promise<T> {
    const list = args.map((arg) => JSON.stringify(arg)).join(', ');
    return this.page.evaluate<T>(`window.tp.${method}(${list})`);
  }

  open(name: string, media: { audio?: boolean; video?: boolean; simulcast?: boolean }): Promise<void> {
    return this.call('open', name, media);
  }

  offer(name: string, iceRestart = false): Promise<SdpOffer> {
    return this.call('offer', name, iceRestart);
  }

  accept(name: string, answer: SdpAnswer): Promise<void> {
    return this.call('accept', name, answer);
  }

  answer(name: string, offer: SdpOffer): Promise<SdpAnswer> {
    return this.call('answer', name, offer);
  }

  state(name: string): Promise<string> {
    return this.call('state', name);
  }

  inbound(name: string, kind: 'audio' | 'video'): Promise<InboundStats[]> {
    return this.call('inbound', name, kind);
  }

  outbound(name: string): Promise<unknown[]> {
    return this.call('outbound', name);
  }

  /** Hands every candidate gathered so far to `trickle`, until gathering completes (`null`). */
  async trickleAll(name: string, trickle: (candidate: LegCandidate) => Promise<void>): Promise<void> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      for (const candidate of await this.call<LegCandidate[]>('candidates', name)) {
        await trickle(candidate);
        if (candidate === null) {
          return;
        }
      }
      if (Date.now() > deadline) {
        throw new Error('ICE gathering did not complete');
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
