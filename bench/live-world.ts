// The setting of the live-meeting benchmarks: the built server as a child process (its own data folder and Janus,
// as e2e starts it), a host made over the HTTP API, one meeting that anyone with its ID may enter at once, and
// helpers that walk a browser page through the pre-join page as a person would.
import type { Page } from 'playwright-core';
import { berlinTime } from '../e2e/support/berlin-time.js';
import { launchParticipant, type Participant } from '../e2e/support/browser.js';
import { startOwnServer } from '../e2e/support/own-server.js';
import type { ServerProcess } from '../e2e/support/server-process.js';
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

/** A fresh server and one meeting starting in a minute (open now: people may join before the host). */
export async function openMeeting(
  settings: MeetingSettings = {
    waitingRoom: false,
    joinBeforeHost: true,
    muteOnEntry: false,
    cameraOffOnEntry: false,
  },
): Promise<LiveWorld> {
  const own = await startOwnServer({
    workPrefix: 'tp-bench-live-',
    rtpPorts: '43000-43999',
    organisation: 'Bench-Gruppe',
    host: 'Bea Bench',
    email: 'bea@example.org',
  });
  try {
    const meeting = await own.session.request<{ meetingId: string }>('POST', '/api/meetings', {
      organisationId: own.host.organisationId,
      title: 'Bench',
      start: berlinTime(new Date(Date.now() + 60_000)),
      durationMinutes: 240,
      passcode: null,
      settings,
    });
    return {
      server: own.server,
      meetingUrl: `${own.server.url}/m/${meeting.meetingId}`,
      close: () => own.close(),
    };
  } catch (error) {
    await own.close();
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

export { inRoom } from '../e2e/support/pre-join.js';

/** Leaves through the menu, so the server frees the seat at once (a closed tab keeps it for the grace period). */
export async function leave(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Verlassen' }).click();
  await page.getByRole('button', { name: 'Ja, verlassen' }).click();
}
