// The setting of the live-meeting benchmarks: the built server as a child process (its own data folder and Janus,
// as e2e starts it), a host made over the HTTP API, one meeting that anyone with its ID may enter at once, and
// helpers that walk a browser page through the pre-join page as a person would.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ApiSession, createHost } from '../e2e/support/api-session.js';
import { launchParticipant, type Participant } from '../e2e/support/browser.js';
import { startMailCatcher } from '../e2e/support/mail-catcher.js';
import { freePort } from '../e2e/support/ports.js';
import { startServerProcess, type ServerProcess } from '../e2e/support/server-process.js';
import { installProbe } from './probe.js';

export interface LiveWorld {
  server: ServerProcess;
  /** `/m/<meetingId>`: entry by meeting ID (no passcode), the way most participants come in. */
  meetingUrl: string;
  close(): Promise<void>;
}

export interface MeetingSettings {
  waitingRoom: boolean;
  joinBeforeHost: boolean;
  muteOnEntry: boolean;
  cameraOffOnEntry: boolean;
}

/** "Now" in Berlin as the meetings API takes a local start time (YYYY-MM-DDTHH:mm). */
function berlinTime(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(at)
    .replace(' ', 'T');
}

async function firstLogin(server: ServerProcess): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (!server.output.join('').includes('Passwort:') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return server.output.join('');
}

/** A fresh server and one meeting starting in a minute (open now: people may join before the host). */
export async function openMeeting(
  settings: MeetingSettings = {
    waitingRoom: false,
    joinBeforeHost: true,
    muteOnEntry: false,
    cameraOffOnEntry: false,
  },
): Promise<LiveWorld> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'tp-bench-live-'));
  const smtpPort = await freePort();
  const mail = await startMailCatcher(path.join(work, 'mail'), smtpPort);
  let server: ServerProcess | undefined;
  try {
    server = await startServerProcess({
      PORT: String(await freePort()),
      DATA_DIR: path.join(work, 'data'),
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      ICE_ENFORCE_LIST: 'lo',
      RTP_PORT_RANGE: '43000-43999',
    });
    // The first start prints the first admin's login once (server/src/main.ts), as e2e/global-setup.ts reads it;
    // it comes just after the server starts answering.
    const printed = await firstLogin(server);
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
    const meeting = await session.request<{ meetingId: string }>('POST', '/api/meetings', {
      organisationId: host.organisationId,
      title: 'Bench',
      start: berlinTime(new Date(Date.now() + 60_000)),
      durationMinutes: 240,
      passcode: null,
      settings,
    });
    const running = server;
    return {
      server: running,
      meetingUrl: `${running.url}/m/${meeting.meetingId}`,
      close: async () => {
        await running.stop();
        await mail.close();
        await rm(work, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server?.stop();
    await mail.close();
    await rm(work, { recursive: true, force: true });
    throw error;
  }
}

/** One Chromium process with the probe installed in every page it opens. */
export async function probedParticipant(audioFile: string, videoFile?: string): Promise<Participant> {
  const participant = await launchParticipant({
    audioFile,
    width: 1024,
    ...(videoFile ? { videoFile } : {}),
  });
  // A context's init scripts run at every navigation of its pages, the already open first page included.
  await installProbe(participant.context);
  return participant;
}

export interface JoinChoices {
  name: string;
  microphone?: boolean;
  camera?: boolean;
  audioOnly?: boolean;
}

/**
 * Opens the pre-join page and gets everything ready as a person would: camera and microphone allowed (step 1),
 * name, start choices, consent. Leaves the click on "Beitreten" to the caller.
 */
export async function readyToJoin(page: Page, url: string, choices: JoinChoices): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Kamera und Mikrofon erlauben' }).click({ timeout: 20_000 });
  await page.getByText('Kamera und Mikrofon sind bereit.').waitFor({ timeout: 20_000 });
  await page.getByRole('textbox', { name: 'Ihr Name' }).fill(choices.name);
  const tick = async (label: string, on: boolean | undefined) => {
    if (on) {
      await page.getByLabel(label).check();
    }
  };
  await tick('Mit eingeschaltetem Mikrofon', choices.microphone);
  await tick('Mit eingeschalteter Kamera', choices.camera);
  await tick('Nur Ton', choices.audioOnly);
  await page.getByLabel('Ich bin einverstanden, mit Ton, Bild und Chat teilzunehmen.').check();
}

export async function clickJoin(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Beitreten', exact: true }).click();
}

export async function inRoom(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Verlassen' }).waitFor({ timeout: 30_000 });
}

/** Leaves through the menu, so the server frees the seat at once (a closed tab keeps it for the grace period). */
export async function leave(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Verlassen' }).click();
  await page.getByRole('button', { name: 'Ja, verlassen' }).click();
}
