import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations } from '../support/axe.js';
import { berlinTime } from '../support/berlin-time.js';
import { ApiSession, createHost, type TestHost } from '../support/api-session.js';
import { launchParticipant, type Participant } from '../support/browser.js';
import { hears, installEars, silent } from '../support/ears.js';
import { findLink, waitForMail } from '../support/mail.js';
import { inRoom, joinFromPreJoin } from '../support/pre-join.js';
import { receivedMessages, recordSignalling } from '../support/signalling.js';
import { toneFile } from '../support/tones.js';

const baseUrl = inject('baseUrl');
const mailDir = inject('mailDir');
const adminEmail = inject('adminEmail');
const adminPassword = inject('adminPassword');

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const A = 440;
const B = 1000;
const C = 1700;

async function microphoneOn(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Mikrofon/ }).click();
}

describe('live meeting: three people with their own tones, waiting room, host mute, lock and removal', () => {
  let host: TestHost;
  let meetingId = '';
  let bLink = '';
  let cLink = '';
  let dLink = '';
  let a: Participant;
  let b: Participant;
  let c: Participant;

  beforeAll(async () => {
    host = await createHost(
      { baseUrl, mailDir, adminEmail, adminPassword },
      { organisation: `Live ${run}`, host: `Hanna ${run}`, email: `hanna.live.${run}@example.org` },
    );
    const session = new ApiSession(baseUrl);
    await session.login(host.email, host.password);
    const meeting = await session.request<{ id: string; meetingId: string }>('POST', '/api/meetings', {
      organisationId: host.organisationId,
      title: `Abendrunde ${run}`,
      start: berlinTime(new Date(Date.now() + 60_000)),
      durationMinutes: 120,
      passcode: null,
      settings: { waitingRoom: true, joinBeforeHost: false, muteOnEntry: false, cameraOffOnEntry: true },
    });
    meetingId = meeting.meetingId;
    const people = ['bea', 'carl', 'dora'].map((name) => `${name}.${run}@example.org`);
    await session.request('POST', `/api/meetings/${meeting.id}/invitations`, {
      invitees: people.map((email, index) => ({ email, name: ['Bea', 'Carl', 'Dora'][index] })),
    });
    const links = await Promise.all(
      people.map(
        async (email) => findLink(await waitForMail(mailDir, (m) => m.to.includes(email)), '/j/') ?? '',
      ),
    );
    [bLink = '', cLink = '', dLink = ''] = links;
    [a, b, c] = await Promise.all([
      launchParticipant({ audioFile: toneFile(A) }),
      launchParticipant({ audioFile: toneFile(B) }),
      launchParticipant({ audioFile: toneFile(C), width: 360 }),
    ]);
    for (const person of [a, b, c]) {
      await installEars(person.page);
    }
    await recordSignalling(c.page);
  });
  afterAll(async () => {
    await Promise.all([a, b, c].map((person) => person.close()));
  });

  it('lets the host open the room and a guest in from the waiting room; each hears the other, not itself', async () => {
    await a.page.goto(`${baseUrl}/anmelden`);
    await a.page.getByLabel('E-Mail-Adresse').fill(host.email);
    await a.page.getByLabel('Passwort', { exact: true }).fill(host.password);
    await a.page.getByRole('button', { name: 'Anmelden', exact: true }).last().click();
    await expect.poll(() => new URL(a.page.url()).pathname).not.toBe('/anmelden');
    await a.page.goto(`${baseUrl}/raum/${meetingId}`);
    await joinFromPreJoin(a.page, 'Hanna');
    await inRoom(a.page);
    await microphoneOn(a.page);

    await b.page.goto(bLink);
    await joinFromPreJoin(b.page, 'Bea');
    await b.page.getByText('Bitte warten Sie einen Moment.').waitFor({ timeout: 20_000 });
    await a.page
      .getByRole('button', { name: /Hereinlassen/ })
      .first()
      .click();
    await inRoom(b.page);
    await microphoneOn(b.page);

    expect(await hears(a.page, B)).toBe(true);
    expect(await hears(b.page, A)).toBe(true);
    expect(await silent(a.page, A)).toBe(true);
    expect(await silent(b.page, B)).toBe(true);

    // B opens the link again in a second tab: that tab is refused with a plain reason, the first stays in.
    const second = await b.context.newPage();
    try {
      await second.goto(bLink);
      await joinFromPreJoin(second, 'Bea');
      await second.getByRole('heading', { name: 'Sie sind schon im Treffen' }).waitFor({ timeout: 20_000 });
      expect(await second.getByRole('button', { name: 'Erneut beitreten' }).isVisible()).toBe(true);
      expect(await accessibilityViolations(second)).toEqual([]);
    } finally {
      await second.close();
    }
    expect(await b.page.getByRole('button', { name: 'Verlassen' }).isVisible()).toBe(true);
    expect(await hears(a.page, B)).toBe(true);
  });

  it('keeps a waiting guest in the dark: no roster, title, chat or media until admitted', async () => {
    await c.page.goto(cLink);
    // The pre-join page, fully there (name field and the meeting's join card), at 360 px.
    await c.page.getByRole('textbox', { name: 'Ihr Name' }).waitFor({ timeout: 20_000 });
    expect(await accessibilityViolations(c.page)).toEqual([]);
    await joinFromPreJoin(c.page, 'Carl');
    await c.page.getByText('Bitte warten Sie einen Moment.').waitFor({ timeout: 20_000 });
    expect(await accessibilityViolations(c.page)).toEqual([]);
    // "Say something – does the bar move?": the meter shows C's microphone (its tone), though C enters muted.
    const meter = c.page.getByRole('meter', { name: 'Lautstärke Ihres Mikrofons' });
    await expect
      .poll(async () => Number(await meter.getAttribute('aria-valuenow')), { timeout: 10_000 })
      .toBeGreaterThan(8);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Only "you are in the queue": no room.state (title, roster), chat, polls or media offers — and the two
    // messages it did get carry nothing beyond their own fields.
    const messages = await receivedMessages(c.page);
    const types = messages.map((message) => message.type);
    expect(types.filter((type) => !['room.joined', 'room.waiting', 'pong', 'ping'].includes(type))).toEqual(
      [],
    );
    expect(types).toContain('room.waiting');
    for (const message of messages.filter((candidate) => candidate.type === 'room.joined')) {
      expect(Object.keys(message).sort()).toEqual(['id', 'participantId', 'resumeToken', 'status', 'type']);
      expect(message.status).toBe('waiting');
    }
    for (const message of messages.filter((candidate) => candidate.type === 'room.waiting')) {
      expect(Object.keys(message).sort()).toEqual(['reason', 'type']);
    }
    expect(JSON.stringify(messages)).not.toContain('Abendrunde');
    expect(JSON.stringify(messages)).not.toContain('Bea');
    expect(await silent(c.page, A, 3000)).toBe(true);

    await a.page
      .getByRole('button', { name: /Hereinlassen/ })
      .first()
      .click();
    await inRoom(c.page);
    // C came in muted: once C's audio connection works (C hears A), the others still do not hear C.
    expect(await hears(c.page, A)).toBe(true);
    expect(await silent(a.page, C)).toBe(true);
    expect(await silent(b.page, C)).toBe(true);
    await microphoneOn(c.page);
    // All three now: each hears the other two, and not itself.
    const ears = [
      { who: 'A', page: a.page, own: A, others: [B, C] },
      { who: 'B', page: b.page, own: B, others: [A, C] },
      { who: 'C', page: c.page, own: C, others: [A, B] },
    ];
    for (const { who, page, own, others } of ears) {
      for (const frequency of others) {
        expect(await hears(page, frequency), `${who} hears ${frequency} Hz`).toBe(true);
      }
      expect(await silent(page, own), `${who} does not hear itself`).toBe(true);
    }
    expect(await accessibilityViolations(c.page)).toEqual([]);
  });

  it('mutes B for everyone when the host says so', async () => {
    const actionsForBea = a.page.getByRole('button', { name: /Aktionen für Bea/ });
    if (!(await actionsForBea.isVisible())) {
      await a.page.getByRole('button', { name: /^Teilnehmende/ }).click();
    }
    await actionsForBea.click();
    await a.page.getByRole('button', { name: 'Mikrofon ausschalten', exact: true }).click();
    expect(await silent(a.page, B)).toBe(true);
    expect(await silent(c.page, B)).toBe(true);
    expect(await hears(c.page, A)).toBe(true);
    await b.page.getByText('Die Gruppenleitung hat Ihr Mikrofon ausgeschaltet.').first().waitFor();
    // Participants may unmute themselves in this meeting: when B does, everyone hears B again.
    await microphoneOn(b.page);
    expect(await hears(a.page, B)).toBe(true);
    expect(await hears(c.page, B)).toBe(true);
    // … and sees B talking again (B was muted mid-sound: Janus never said B stopped, nor that B started again).
    await a.page.locator('.tile-talking', { hasText: 'Bea' }).first().waitFor({ timeout: 10_000 });

    // With self-unmute off, B's microphone stays closed (and B is told why) until the host asks B to speak.
    const selfUnmute = a.page.getByLabel('Teilnehmende dürfen ihr Mikrofon selbst einschalten');
    await selfUnmute.click();
    await expect.poll(() => selfUnmute.isChecked()).toBe(false);
    await actionsForBea.click();
    await a.page.getByRole('button', { name: 'Mikrofon ausschalten', exact: true }).click();
    expect(await silent(c.page, B)).toBe(true);
    const blocked = b.page.getByText('Die Gruppenleitung hat Sie stummgeschaltet. Heben Sie die Hand');
    await microphoneOn(b.page);
    await blocked.waitFor();
    expect(await silent(a.page, B)).toBe(true);
    await actionsForBea.click();
    await a.page.getByRole('button', { name: 'Bitten, das Mikrofon einzuschalten' }).click();
    await b.page.getByRole('button', { name: 'Mikrofon einschalten' }).click();
    expect(await hears(a.page, B)).toBe(true);
    expect(await hears(c.page, B)).toBe(true);
    // The hint that B may not unmute went with the block.
    await expect.poll(() => blocked.count()).toBe(0);
  });

  it('refuses a new invitee once the host locked the meeting, and keeps a removed person out', async () => {
    await a.page.getByRole('button', { name: /Treffen abschließen/ }).click();
    const d = await launchParticipant();
    try {
      await d.page.goto(dLink);
      await joinFromPreJoin(d.page, 'Dora');
      await d.page
        .getByRole('heading', { name: 'Das Treffen ist abgeschlossen' })
        .waitFor({ timeout: 20_000 });
    } finally {
      await d.close();
    }

    await a.page.getByRole('button', { name: /Aktionen für Carl/ }).click();
    await a.page.getByRole('button', { name: 'Aus dem Treffen entfernen' }).click();
    await a.page.getByRole('button', { name: 'Ja, Carl entfernen' }).click();
    await c.page
      .getByRole('heading', { name: 'Sie wurden aus dem Treffen entfernt' })
      .waitFor({ timeout: 20_000 });
    await a.page.getByRole('button', { name: /Treffen abschließen/ }).click();
    await expect.poll(() => a.page.getByText('Das Treffen ist offen.').isVisible()).toBe(true);
    await c.page.goto(cLink);
    await joinFromPreJoin(c.page, 'Carl');
    await c.page
      .getByRole('heading', { name: 'Sie wurden aus dem Treffen entfernt' })
      .waitFor({ timeout: 20_000 });
  });
});
