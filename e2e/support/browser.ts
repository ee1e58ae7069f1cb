import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Flags that make WebRTC to Janus work on loopback with fake devices (../shared/docs/testing-media.md). */
const chromiumFlags = [
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

export interface Participant {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Requests the page tried to make to anything but loopback (must stay empty: no third parties). */
  blockedRequests: string[];
  close(): Promise<void>;
}

/**
 * One Chromium process per participant, so each can have its own fake microphone sound (`audioFile`, a WAV).
 * Only loopback is reachable: every request to another host fails the test.
 */
export async function launchParticipant(
  options: {
    audioFile?: string;
    /** A Y4M or MJPEG file the fake camera plays in a loop instead of Chromium's built-in test pattern. */
    videoFile?: string;
    width?: number;
    locale?: string;
    denyMedia?: boolean;
    /** Screen sharing without a picker: Chromium shares the whole (virtual) screen. */
    screenShare?: boolean;
  } = {},
): Promise<Participant> {
  const args = [...chromiumFlags];
  if (options.audioFile) {
    args.push(`--use-file-for-fake-audio-capture=${options.audioFile}`);
  }
  if (options.videoFile) {
    args.push(`--use-file-for-fake-video-capture=${options.videoFile}`);
  }
  if (options.screenShare) {
    args.push('--auto-select-desktop-capture-source=Entire screen', '--enable-usermedia-screen-capturing');
  }
  if (options.denyMedia) {
    args.splice(args.indexOf('--use-fake-ui-for-media-stream'), 1);
    args.push('--deny-permission-prompts');
  }
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args,
    headless: true,
    env: { ...process.env, TMPDIR: await mkdtemp(path.join(os.tmpdir(), 'tp-chromium-')) },
  });
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: options.locale ?? 'de-DE',
  });
  const blockedRequests: string[] = [];
  await context.route(/^(?!https?:\/\/(localhost|127\.0\.0\.1)[:/]).*/, (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || url.startsWith('blob:')) {
      return route.continue();
    }
    blockedRequests.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  return { browser, context, page, blockedRequests, close: () => browser.close() };
}
