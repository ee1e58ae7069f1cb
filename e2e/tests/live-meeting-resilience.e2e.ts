import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berlinTime } from '../support/berlin-time.js';
import { launchParticipant, type Participant } from '../support/browser.js';
import { audioTracksReceived, hears, installEars, silent, videoFramesRising } from '../support/ears.js';
import { findLink, waitForMail } from '../support/mail.js';
import { startOwnServer, type OwnServer } from '../support/own-server.js';
import { enter, inRoom } from '../support/pre-join.js';
import { receivedMessages, recordSignalling } from '../support/signalling.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { toneFile } from '../support/tones.js';

async function inRoomWithMicrophone(page: Page): Promise<void> {
  await inRoom(page);
  await page.getByRole('button', { name: /^Mikrofon/ }).click();
}

/** A server of its own, because this file kills it: same port and data folder on restart, as systemd would. */
// Killing and restarting the server: starting it may take up to a minute on a busy 2-core machine, and the clients'
// reconnect backoff a few seconds more; the default 90 s per test is too tight for that plus the meeting.
describe('live meeting: the server or Janus dies mid-meeting', { timeout: 180_000 }, () => {
  let own: OwnServer;
  let server: ServerProcess;
  let url = '';
  let hostUrl = '';
  let evaLink = '';
  let a: Participant;
  let b: Participant;

  beforeAll(async () => {
    own = await startOwnServer({
      workPrefix: 'tp-resilience-',
      rtpPorts: '44000-44999',
      organisation: 'Ausdauer',
      host: 'Rita Resilienz',
      email: 'rita@example.org',
    });
    server = own.server;
    const { session } = own;
    const meeting = await session.request<{ id: string; meetingId: string }>('POST', '/api/meetings', {
      organisationId: own.host.organisationId,
      title: 'Durchhalten',
      start: berlinTime(new Date(Date.now() + 60_000)),
      durationMinutes: 120,
      passcode: null,
      // With a waiting room: after the restart the server must remember who was admitted.
      settings: { waitingRoom: true, joinBeforeHost: false, muteOnEntry: false },
    });
    url = `${server.url}/m/${meeting.meetingId}`;
    hostUrl = `${server.url}/raum/${meeting.meetingId}`;
    await session.request('POST', `/api/meetings/${meeting.id}/invitations`, {
      invitees: [{ email: 'eva@example.org', name: 'Eva' }],
    });
    const invitation = await waitForMail(own.mailDir, (m) => m.to.includes('eva@example.org'));
    evaLink = findLink(invitation, '/j/') ?? '';
    [a, b] = await Promise.all([
      launchParticipant({ audioFile: toneFile(440) }),
      launchParticipant({ audioFile: toneFile(1000), screenShare: true }),
    ]);
    await installEars(a.page);
    await installEars(b.page);
    await recordSignalling(b.page);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    own.server = server;
    await own.close();
  });

  it('reconnects both clients on their own after the server process is killed, and audio flows again', async () => {
    // A is the host (logged in, the host's room link); B comes in by meeting ID through the waiting room.
    await a.page.goto(`${server.url}/anmelden`);
    await a.page.getByLabel('E-Mail-Adresse').fill(own.host.email);
    await a.page.getByLabel('Passwort', { exact: true }).fill(own.host.password);
    await a.page.getByRole('button', { name: 'Anmelden', exact: true }).last().click();
    await expect.poll(() => new URL(a.page.url()).pathname).not.toBe('/anmelden');
    await enter(a.page, hostUrl, 'Anna');
    await inRoomWithMicrophone(a.page);
    await enter(b.page, url, 'Bert');
    await b.page.getByText('Bitte warten Sie einen Moment.').waitFor({ timeout: 20_000 });
    await a.page
      .getByRole('button', { name: /Hereinlassen/ })
      .first()
      .click();
    await inRoomWithMicrophone(b.page);
    expect(await hears(a.page, 1000)).toBe(true);
    expect(await hears(b.page, 440)).toBe(true);
    await b.page.getByRole('button', { name: /^Kamera/ }).click();
    expect(await videoFramesRising(a.page)).toBe(true);
    // W is still in the waiting room when the server dies.
    const w = await launchParticipant();
    await recordSignalling(w.page);
    await enter(w.page, url, 'Wanda');
    await w.page.getByText('Bitte warten Sie einen Moment.').waitFor({ timeout: 20_000 });
    const seenBefore = (await receivedMessages(b.page)).length;
    const tracksBefore = await audioTracksReceived(a.page);

    server.child.kill('SIGKILL');
    await new Promise((resolve) => server.child.once('exit', resolve));
    server = await startServerProcess(own.env);

    // Nobody clicks anything: the pages reconnect, rejoin with their resume token and renegotiate.
    // (The old Janus outlives its killed parent until the new server stops it: only a new connection counts.)
    await expect.poll(() => audioTracksReceived(a.page), { timeout: 60_000 }).toBeGreaterThan(tracksBefore);
    expect(await hears(a.page, 1000, 30_000)).toBe(true);
    expect(await hears(b.page, 440, 30_000)).toBe(true);
    expect(await a.page.getByRole('button', { name: 'Verlassen' }).isVisible()).toBe(true);
    expect(await b.page.getByRole('button', { name: 'Verlassen' }).isVisible()).toBe(true);
    // The server remembered that B was admitted: B came straight back in, never through the waiting room.
    const afterRestart = (await receivedMessages(b.page)).slice(seenBefore);
    const joined = afterRestart.filter((message) => message.type === 'room.joined');
    expect(joined.length).toBeGreaterThan(0);
    expect(joined.map((message) => message.status)).not.toContain('waiting');
    // B's camera, which was on, shows again.
    expect(await videoFramesRising(a.page)).toBe(true);
    expect(afterRestart.map((message) => message.type)).not.toContain('room.waiting');

    // W was never admitted: W waits again (told nothing about the meeting), until the host lets W in.
    try {
      await w.page.getByText('Bitte warten Sie einen Moment.').waitFor({ timeout: 20_000 });
      const hostSeesWanda = a.page.getByRole('button', { name: /Hereinlassen/ }).first();
      await hostSeesWanda.waitFor({ timeout: 30_000 });
      const wTypes = (await receivedMessages(w.page)).map((message) => message.type);
      expect(
        wTypes.filter((type) => !['room.joined', 'room.waiting', 'pong', 'ping'].includes(type)),
      ).toEqual([]);
      await hostSeesWanda.click();
      await w.page.getByRole('button', { name: 'Verlassen' }).waitFor({ timeout: 30_000 });
    } finally {
      await w.close();
    }
  });

  it('after Janus is killed, the meeting recovers or ends with a message — never looks alive while dead', async () => {
    const janus = execFileSync('pgrep', ['-P', String(server.child.pid), '-x', 'janus'], {
      encoding: 'utf8',
    }).trim();
    // B shares the screen as well as the camera: both must come back.
    await b.page.getByRole('button', { name: /^Bildschirm teilen/ }).click();
    expect(await videoFramesRising(a.page, 2)).toBe(true);
    const tracksBefore = await audioTracksReceived(a.page);
    const seenBefore = (await receivedMessages(b.page)).length;
    process.kill(Number(janus), 'SIGKILL');
    // First the sound stops (the room is really gone) …
    expect(await silent(a.page, 1000, 10_000)).toBe(true);

    const recovered = await hears(a.page, 1000, 45_000);
    if (recovered) {
      expect(await hears(b.page, 440, 20_000)).toBe(true);
      // Really through the new Janus: the server told the clients to rebuild their media, and they did.
      expect(await audioTracksReceived(a.page)).toBeGreaterThan(tracksBefore);
      const told = (await receivedMessages(b.page)).slice(seenBefore).map((message) => message.type);
      expect(told).toContain('media.restart');
      // While it was gone the page said so ("Ton und Bild sind kurz unterbrochen"); now that it is back, it does not.
      const notices = (await receivedMessages(b.page))
        .slice(seenBefore)
        .filter((m) => m.type === 'room.notice');
      expect(notices.map((message) => message.notice)).toContain('media_interrupted');
      expect(await videoFramesRising(a.page, 2)).toBe(true);
      await expect
        .poll(() => b.page.getByText('Ton und Bild sind kurz unterbrochen').count(), { timeout: 10_000 })
        .toBe(0);
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

  it('keeps the host decisions across a restart: locked stays locked, removed stays out', async () => {
    // Eva comes in with her personal link, and the host removes her.
    const e = await launchParticipant();
    try {
      await enter(e.page, evaLink, 'Eva');
      await e.page.getByText('Bitte warten Sie einen Moment.').waitFor({ timeout: 20_000 });
      await a.page
        .getByRole('button', { name: /Hereinlassen/ })
        .first()
        .click();
      await e.page.getByRole('button', { name: 'Verlassen' }).waitFor({ timeout: 30_000 });
      const actionsForEva = a.page.getByRole('button', { name: /Aktionen für Eva/ });
      if (!(await actionsForEva.isVisible())) {
        await a.page.getByRole('button', { name: /^Teilnehmende/ }).click();
      }
      await actionsForEva.click();
      await a.page.getByRole('button', { name: 'Aus dem Treffen entfernen' }).click();
      await a.page.getByRole('button', { name: 'Ja, Eva entfernen' }).click();
      await e.page
        .getByRole('heading', { name: 'Sie wurden aus dem Treffen entfernt' })
        .waitFor({ timeout: 20_000 });
    } finally {
      await e.close();
    }

    // The host tools live in the participants panel.
    const lock = a.page.getByRole('button', { name: /Treffen abschließen/ });
    if (!(await lock.isVisible())) {
      await a.page.getByRole('button', { name: /^Teilnehmende/ }).click();
    }
    await lock.click();
    await b.page.getByText('Das Treffen wurde abgeschlossen.').first().waitFor({ timeout: 10_000 });
    const tracksBefore = await audioTracksReceived(a.page);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the memory is written in the background
    server.child.kill('SIGKILL');
    await new Promise((resolve) => server.child.once('exit', resolve));
    server = await startServerProcess(own.env);

    await expect.poll(() => audioTracksReceived(a.page), { timeout: 60_000 }).toBeGreaterThan(tracksBefore);
    expect(await hears(a.page, 1000, 30_000)).toBe(true);
    expect(await hears(b.page, 440, 30_000)).toBe(true);
    // The host's page still shows the meeting as locked.
    await expect.poll(() => lock.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');

    const d = await launchParticipant();
    try {
      await enter(d.page, url, 'Dana');
      await d.page
        .getByRole('heading', { name: 'Das Treffen ist abgeschlossen' })
        .waitFor({ timeout: 20_000 });
    } finally {
      await d.close();
    }

    // Open again: Eva's link still does not bring her back.
    await lock.click();
    await expect.poll(() => lock.getAttribute('aria-pressed')).toBe('false');
    const again = await launchParticipant();
    try {
      await enter(again.page, evaLink, 'Eva');
      await again.page
        .getByRole('heading', { name: 'Sie wurden aus dem Treffen entfernt' })
        .waitFor({ timeout: 20_000 });
    } finally {
      await again.close();
    }
  });

  it('brings everyone back by themselves after a graceful restart (SIGTERM, as systemd restarts)', async () => {
    const tracksBefore = await audioTracksReceived(a.page);
    const seenBefore = (await receivedMessages(b.page)).length;
    await server.stop();
    server = await startServerProcess(own.env);

    await expect.poll(() => audioTracksReceived(a.page), { timeout: 60_000 }).toBeGreaterThan(tracksBefore);
    expect(await hears(a.page, 1000, 30_000)).toBe(true);
    expect(await hears(b.page, 440, 30_000)).toBe(true);
    expect(await b.page.getByRole('button', { name: 'Verlassen' }).isVisible()).toBe(true);
    const afterRestart = (await receivedMessages(b.page)).slice(seenBefore);
    expect(afterRestart.map((message) => message.type)).not.toContain('room.waiting');
    expect(
      afterRestart.filter((message) => message.type === 'room.joined').map((message) => message.status),
    ).toEqual(['admitted']);
  });
});
