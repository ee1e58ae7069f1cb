// Live meeting figures (issue #5): click "Beitreten" → first audible remote audio, signalling round trips per join,
// downstream kbps per participant in a 6-person room (video and audio-only), and what the join page loads.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { createHost, ApiSession } from '../e2e/support/api-session.js';
import { launchParticipant, type Participant } from '../e2e/support/browser.js';
import { startMailCatcher } from '../e2e/support/mail-catcher.js';
import { freePort } from '../e2e/support/ports.js';
import { startServerProcess, type ServerProcess } from '../e2e/support/server-process.js';
import { toneFile } from '../e2e/support/tones.js';
import { summary } from './stats.js';

/** Counts the client's requests (messages with an id) and keeps every PeerConnection, before the app runs. */
const instrument = () => {
  const w = window as unknown as { __requests: number; __pcs: RTCPeerConnection[] };
  w.__requests = 0;
  w.__pcs = [];
  const send = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'send')?.value as (
    this: WebSocket,
    data: unknown,
  ) => void;
  WebSocket.prototype.send = function (
    this: WebSocket,
    data: string | ArrayBufferLike | Blob | ArrayBufferView,
  ) {
    if (typeof data === 'string' && data.includes('"id"')) {
      w.__requests += 1;
    }
    send.call(this, data);
  };
  const Original = window.RTCPeerConnection;
  window.RTCPeerConnection = function (this: unknown, config?: RTCConfiguration) {
    const pc = new Original(config);
    w.__pcs.push(pc);
    return pc;
  } as unknown as typeof RTCPeerConnection;
  window.RTCPeerConnection.prototype = Original.prototype;
};

/** True once some inbound audio carries sound (audioLevel well above silence). */
async function hearsSomething(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    let heard = false;
    for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
      (await pc.getStats()).forEach((report: { type: string; kind?: string; audioLevel?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'audio' && (report.audioLevel ?? 0) > 0.01) {
          heard = true;
        }
      });
    }
    return heard;
  });
}

async function inboundBytes(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let total = 0;
    for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
      (await pc.getStats()).forEach((report: { type: string; bytesReceived?: number }) => {
        if (report.type === 'inbound-rtp') {
          total += report.bytesReceived ?? 0;
        }
      });
    }
    return total;
  });
}

async function join(page: Page, url: string, name: string): Promise<number> {
  await page.goto(url);
  await page.getByRole('textbox', { name: 'Ihr Name' }).fill(name);
  const consent = page.getByLabel('Ich bin einverstanden, mit Ton, Bild und Chat teilzunehmen.');
  if (await consent.isVisible()) {
    await consent.check();
  }
  const clicked = Date.now();
  await page.getByRole('button', { name: 'Beitreten', exact: true }).click();
  return clicked;
}

interface LiveWorld {
  server: ServerProcess;
  meetingUrl: string;
  close(): Promise<void>;
}

/** A fresh server, a host and an open meeting (no waiting room, no passcode, nobody muted) happening now. */
async function openMeeting(): Promise<LiveWorld> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'tp-bench-live-'));
  const smtpPort = await freePort();
  const mail = await startMailCatcher(path.join(work, 'mail'), smtpPort);
  const server = await startServerProcess({
    PORT: String(await freePort()),
    DATA_DIR: path.join(work, 'data'),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    ICE_ENFORCE_LIST: 'lo',
    RTP_PORT_RANGE: '43000-43999',
  });
  const printed = server.output.join('');
  const host = await createHost(
    {
      baseUrl: server.url,
      mailDir: path.join(work, 'mail'),
      adminEmail: /E-Mail:\s+(\S+)/.exec(printed)?.[1] ?? '',
      adminPassword: /Passwort:\s+(\S+)/.exec(printed)?.[1] ?? '',
    },
    { organisation: 'Bench-Gruppe', host: 'Bea Bench', email: 'bea@example.org' },
  );
  const session = new ApiSession(server.url);
  await session.login(host.email, host.password);
  const soon = new Date(Date.now() + 60_000);
  const local = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(soon)
    .replace(' ', 'T');
  const meeting = await session.request<{ meetingId: string }>('POST', '/api/meetings', {
    organisationId: host.organisationId,
    title: 'Bench',
    start: local,
    durationMinutes: 240,
    passcode: null,
    settings: { waitingRoom: false, joinBeforeHost: true, muteOnEntry: false, cameraOffOnEntry: false },
  });
  return {
    server,
    meetingUrl: `${server.url}/m/${meeting.meetingId}`,
    close: async () => {
      await server.stop();
      await mail.close();
    },
  };
}

async function newParticipant(audioFile: string): Promise<Participant> {
  const participant = await launchParticipant({ audioFile, width: 1024 });
  await participant.context.addInitScript(instrument);
  return participant;
}

async function untilTrue(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

export async function benchJoin(joins: number): Promise<Record<string, unknown>> {
  const world = await openMeeting();
  const speaker = await newParticipant(toneFile(440));
  const listener = await newParticipant(toneFile(1000));
  try {
    await join(speaker.page, world.meetingUrl, 'Sprecherin');
    await speaker.page.getByRole('button', { name: 'Verlassen' }).waitFor({ timeout: 30_000 });
    // People enter with the microphone off; the speaker switches it on, as a user would.
    await speaker.page.getByRole('button', { name: /^Mikrofon/ }).click();
    const times: number[] = [];
    const trips: number[] = [];
    let failed = 0;
    for (let i = 0; i < joins; i += 1) {
      const page = await listener.context.newPage();
      const clicked = await join(page, world.meetingUrl, `Zuhörer ${i + 1}`);
      if (await untilTrue(() => hearsSomething(page), 20_000)) {
        times.push(Date.now() - clicked);
        // Every request this page sent: the pre-join page sends none, so these are the join's round trips.
        trips.push(await page.evaluate(() => (window as unknown as { __requests: number }).__requests));
      } else {
        failed += 1;
      }
      await page.close();
    }
    return { joins, failed, clickToAudioMs: summary(times), signallingRequests: summary(trips, 'requests') };
  } finally {
    await speaker.close();
    await listener.close();
    await world.close();
  }
}

/** Six people in one room for `seconds`; bytes received per participant, with video and in audio-only mode. */
export async function benchBandwidth(seconds: number): Promise<Record<string, unknown>> {
  const world = await openMeeting();
  const people = await Promise.all([440, 550, 660, 770, 880, 990].map((hz) => newParticipant(toneFile(hz))));
  try {
    for (const [index, person] of people.entries()) {
      await join(person.page, world.meetingUrl, `Person ${index + 1}`);
      await person.page.getByRole('button', { name: 'Verlassen' }).waitFor({ timeout: 30_000 });
      await person.page.getByRole('button', { name: /^Mikrofon/ }).click();
      await person.page.getByRole('button', { name: /^Kamera/ }).click();
    }
    const measure = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const start = await Promise.all(people.map((person) => inboundBytes(person.page)));
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      const end = await Promise.all(people.map((person) => inboundBytes(person.page)));
      const kbps = end.map((bytes, i) => ((bytes - (start[i] ?? 0)) * 8) / seconds / 1000);
      return summary(kbps, 'kbit/s');
    };
    const withVideo = await measure();
    for (const person of people) {
      await person.page.keyboard.press('Escape');
      await person.page.getByRole('button', { name: 'Mehr' }).click();
      await person.page.getByText('Nur Ton', { exact: false }).first().click();
      await person.page.keyboard.press('Escape');
    }
    const audioOnly = await measure();
    return { participants: people.length, seconds, kbpsWithVideo: withVideo, kbpsAudioOnly: audioOnly };
  } finally {
    await Promise.all(people.map((person) => person.close()));
    await world.close();
  }
}

/** gzip bytes of every script and stylesheet the join page and the room load. */
export async function benchPageWeight(): Promise<Record<string, number>> {
  const world = await openMeeting();
  const person = await newParticipant(toneFile(440));
  const sizes = new Map<string, number>();
  person.page.on('response', (response) => {
    const type = response.request().resourceType();
    if (type === 'script' || type === 'stylesheet') {
      void response
        .body()
        .then((body) => sizes.set(response.url(), gzipSync(body).length))
        .catch(() => undefined);
    }
  });
  try {
    await person.page.goto(world.meetingUrl);
    await person.page.getByRole('button', { name: 'Beitreten', exact: true }).waitFor();
    const joinPage = [...sizes.values()].reduce((a, b) => a + b, 0);
    await join(person.page, world.meetingUrl, 'Wiegerin');
    await person.page.getByRole('button', { name: 'Verlassen' }).waitFor({ timeout: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const meetingPage = [...sizes.values()].reduce((a, b) => a + b, 0);
    return { joinPageKiB: joinPage / 1024, joinAndMeetingKiB: meetingPage / 1024 };
  } finally {
    await person.close();
    await world.close();
  }
}
