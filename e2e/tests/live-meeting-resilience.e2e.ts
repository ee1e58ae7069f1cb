import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, createHost } from '../support/api-session.js';
import { launchParticipant, type Participant } from '../support/browser.js';
import { audioTracksReceived, hears, installEars, silent } from '../support/ears.js';
import { startMailCatcher } from '../support/mail-catcher.js';
import { freePort } from '../support/ports.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { toneFile } from '../support/tones.js';

function berlinSoon(): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(new Date(Date.now() + 60_000))
    .replace(' ', 'T');
}

async function join(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('textbox', { name: 'Ihr Name' }).fill(name);
  const consent = page.getByLabel('Ich bin einverstanden, mit Ton, Bild und Chat teilzunehmen.');
  if (await consent.isVisible()) {
    await consent.check();
  }
  await page.getByRole('button', { name: 'Beitreten', exact: true }).click();
  await page.getByRole('button', { name: 'Verlassen' }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: /^Mikrofon/ }).click();
}

/** A server of its own, because this file kills it: same port and data folder on restart, as systemd would. */
describe('live meeting: the server or Janus dies mid-meeting', () => {
  let work = '';
  let env: Record<string, string> = {};
  let server: ServerProcess;
  let mail: { close(): Promise<void> };
  let url = '';
  let a: Participant;
  let b: Participant;

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'tp-resilience-'));
    const smtpPort = await freePort();
    mail = await startMailCatcher(path.join(work, 'mail'), smtpPort);
    env = {
      PORT: String(await freePort()),
      DATA_DIR: path.join(work, 'data'),
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      ICE_ENFORCE_LIST: 'lo',
      RTP_PORT_RANGE: '44000-44999',
    };
    server = await startServerProcess(env);
    const printed = server.output.join('');
    const host = await createHost(
      {
        baseUrl: server.url,
        mailDir: path.join(work, 'mail'),
        adminEmail: /E-Mail:\s+(\S+)/.exec(printed)?.[1] ?? '',
        adminPassword: /Passwort:\s+(\S+)/.exec(printed)?.[1] ?? '',
      },
      { organisation: 'Ausdauer', host: 'Rita Resilienz', email: 'rita@example.org' },
    );
    const session = new ApiSession(server.url);
    await session.login(host.email, host.password);
    const meeting = await session.request<{ meetingId: string }>('POST', '/api/meetings', {
      organisationId: host.organisationId,
      title: 'Durchhalten',
      start: berlinSoon(),
      durationMinutes: 120,
      passcode: null,
      settings: { waitingRoom: false, joinBeforeHost: true, muteOnEntry: false },
    });
    url = `${server.url}/m/${meeting.meetingId}`;
    [a, b] = await Promise.all([
      launchParticipant({ audioFile: toneFile(440) }),
      launchParticipant({ audioFile: toneFile(1000) }),
    ]);
    await installEars(a.page);
    await installEars(b.page);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await server.stop();
    await mail.close();
    await rm(work, { recursive: true, force: true });
  });

  it('reconnects both clients on their own after the server process is killed, and audio flows again', async () => {
    await join(a.page, url, 'Anna');
    await join(b.page, url, 'Bert');
    expect(await hears(a.page, 1000)).toBe(true);
    const tracksBefore = await audioTracksReceived(a.page);

    server.child.kill('SIGKILL');
    await new Promise((resolve) => server.child.once('exit', resolve));
    server = await startServerProcess(env);

    // Nobody clicks anything: the pages reconnect, rejoin with their resume token and renegotiate.
    // (The old Janus outlives its killed parent until the new server stops it: only a new connection counts.)
    await expect.poll(() => audioTracksReceived(a.page), { timeout: 60_000 }).toBeGreaterThan(tracksBefore);
    expect(await hears(a.page, 1000, 30_000)).toBe(true);
    expect(await hears(b.page, 440, 30_000)).toBe(true);
    expect(await a.page.getByRole('button', { name: 'Verlassen' }).isVisible()).toBe(true);
  });

  it('after Janus is killed, the meeting recovers or ends with a message — never looks alive while dead', async () => {
    const janus = execFileSync('pgrep', ['-P', String(server.child.pid), '-x', 'janus'], {
      encoding: 'utf8',
    }).trim();
    process.kill(Number(janus), 'SIGKILL');
    // First the sound stops (the room is really gone) …
    expect(await silent(a.page, 1000, 10_000)).toBe(true);

    const recovered = await hears(a.page, 1000, 45_000);
    if (recovered) {
      expect(await hears(b.page, 440, 20_000)).toBe(true);
      expect(await a.page.getByRole('button', { name: 'Verlassen' }).isVisible()).toBe(true);
    } else {
      // Not recovered: the page must say so instead of showing a silent room.
      await expect.poll(() => a.page.getByRole('button', { name: 'Verlassen' }).isVisible()).toBe(false);
      expect(await a.page.locator('h1').textContent()).not.toBe('Durchhalten');
    }
    expect(
      recovered,
      'the embedded Janus is restarted by the supervisor, so the meeting should recover',
    ).toBe(true);
  });
});
