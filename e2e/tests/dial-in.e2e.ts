import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaresipPhone, freeUdpPort, sleep } from '../../server/src/telephony/test/baresip-phone.js';
import { ApiSession, createHost, type TestHost } from '../support/api-session.js';
import { launchParticipant, type Participant } from '../support/browser.js';
import { hears, installEars, silent } from '../support/ears.js';
import { startMailCatcher } from '../support/mail-catcher.js';
import { waitForMail } from '../support/mail.js';
import { freePort } from '../support/ports.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { toneFile } from '../support/tones.js';
import { readWav, toneTimeline } from '../support/wav-tone.js';

/** The phone's microphone plays 1000 Hz; the host's browser plays 440 Hz. */
const PHONE_HZ = 1000;
const BROWSER_HZ = 440;
/** Share of a 500 ms window (Goertzel, wav-tone.ts): a heard tone gives about 0.5, its absence almost 0. */
const TONE_HEARD = 0.2;
const TONE_ABSENT = 0.05;
/** The "admitted" prompt (6.3 s) plus a margin: after it the caller hears the meeting at full level. */
const ADMITTED_PROMPT_MS = 9000;

/** "Now" in the meeting's time zone, as the meetings API takes it. */
function berlinNow(): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(new Date())
    .replace(' ', 'T');
}

interface DialInMeeting {
  id: string;
  /** Digits only, as the caller types them. */
  digits: string;
  /** Erika's personal PIN, read from her invitation mail. */
  pin: string;
}

/**
 * Issue #7 end to end: a server of its own with the SIP gateway on a loopback UDP port and its own Janus; baresip
 * is the phone (server/src/telephony/test/baresip-phone.ts), the host is a Chromium with a tone as microphone.
 */
describe('telephone dial-in with a real phone (baresip)', () => {
  let work = '';
  let server: ServerProcess;
  let mail: { close(): Promise<void> };
  let mailDir = '';
  let host: TestHost;
  let sipTarget = '';
  let open: DialInMeeting;
  let guarded: DialInMeeting;
  let browser: Participant;
  const phones: BaresipPhone[] = [];

  async function dial(options: { caller?: string } = {}): Promise<BaresipPhone> {
    const phone = await BaresipPhone.dial(sipTarget, { toneHz: PHONE_HZ, ...options });
    phones.push(phone);
    return phone;
  }

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'tp-dialin-'));
    mailDir = path.join(work, 'mail');
    const smtpPort = await freePort();
    mail = await startMailCatcher(mailDir, smtpPort);
    const sipPort = await freeUdpPort();
    server = await startServerProcess({
      PORT: String(await freePort()),
      DATA_DIR: path.join(work, 'data'),
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      ICE_ENFORCE_LIST: 'lo',
      RTP_PORT_RANGE: '46000-46999',
      SIP_ENABLED: 'true',
      SIP_HOST: '127.0.0.1',
      SIP_PORT: String(sipPort),
      SIP_TRUNK_ADDRESSES: '127.0.0.1',
      SIP_RTP_PORTS: '47000-47999',
    });
    sipTarget = `sip:dialin@127.0.0.1:${sipPort}`;
    const printed = server.output.join('');
    const adminEmail = /E-Mail:\s+(\S+)/.exec(printed)?.[1] ?? '';
    const adminPassword = /Passwort:\s+(\S+)/.exec(printed)?.[1] ?? '';
    const admin = new ApiSession(server.url);
    await admin.login(adminEmail, adminPassword);
    // Invitations carry the PIN only when the instance has dial-in numbers.
    await admin.request('PUT', '/api/admin/settings', {
      dialInNumbers: [{ label: 'Berlin', number: '+49 30 1234567' }],
    });
    host = await createHost(
      { baseUrl: server.url, mailDir, adminEmail, adminPassword },
      { organisation: 'Telefonkreis', host: 'Hanna Host', email: 'hanna.phone@example.org' },
    );
    const session = new ApiSession(server.url);
    await session.login(host.email, host.password);
    const createMeeting = async (title: string, waitingRoom: boolean): Promise<DialInMeeting> => {
      const meeting = await session.request<{ id: string; meetingId: string }>('POST', '/api/meetings', {
        organisationId: host.organisationId,
        title,
        start: berlinNow(),
        durationMinutes: 120,
        passcode: null,
        settings: { waitingRoom, joinBeforeHost: false, muteOnEntry: false },
      });
      await session.request('POST', `/api/meetings/${meeting.id}/invitations`, {
        invitees: [{ email: 'erika@example.org', name: 'Erika Muster' }],
      });
      const invitation = await waitForMail(
        mailDir,
        (m) => m.to.includes('erika@example.org') && m.subject.includes(title),
      );
      return {
        id: meeting.meetingId,
        digits: meeting.meetingId.replace(/\D/g, ''),
        pin: /PIN: (\d+)/.exec(invitation.text)?.[1] ?? '',
      };
    };
    open = await createMeeting('Offene Telefonrunde', false);
    guarded = await createMeeting('Telefonrunde mit Warteraum', true);

    browser = await launchParticipant({ audioFile: toneFile(BROWSER_HZ) });
    await installEars(browser.page);
    await logIn(browser.page);
  });

  afterAll(async () => {
    await Promise.all(phones.map((phone) => phone.quit()));
    await browser.close();
    await server.stop();
    await mail.close();
    await rm(work, { recursive: true, force: true });
  });

  async function logIn(page: Page): Promise<void> {
    await page.goto(`${server.url}/anmelden`);
    await page.getByLabel('E-Mail-Adresse').fill(host.email);
    await page.getByLabel('Passwort', { exact: true }).fill(host.password);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).last().click();
    await page.waitForURL((url) => url.pathname !== '/anmelden');
  }

  async function hostJoins(page: Page, meeting: DialInMeeting): Promise<void> {
    await page.goto(`${server.url}/raum/${meeting.id}`);
    const name = page.getByRole('textbox', { name: 'Ihr Name' });
    await name.waitFor({ timeout: 20_000 });
    await name.fill('Hanna');
    const consent = page.getByLabel('Ich bin einverstanden, mit Ton, Bild und Chat teilzunehmen.');
    if (await consent.isVisible()) {
      await consent.check();
    }
    await page.getByRole('button', { name: 'Beitreten', exact: true }).click();
    await page.getByRole('button', { name: 'Verlassen' }).waitFor({ timeout: 30_000 });
    // The microphone starts off; the phone is to hear the host's tone.
    await page.getByRole('button', { name: /^Mikrofon/ }).click();
  }

  async function showPeople(page: Page): Promise<void> {
    const people = page.getByRole('button', { name: /^Teilnehmende/ });
    if ((await people.getAttribute('aria-expanded')) !== 'true') {
      await people.click();
    }
  }

  /**
   * Types the meeting ID and PIN as a caller does, each followed by #, once the call is answered. Returns when
   * the call was seen answered (the phone's recording starts then).
   */
  async function enterCodes(phone: BaresipPhone, meeting: DialInMeeting, pin: string): Promise<number> {
    await phone.waitFor(/Call established/, 30_000);
    const answered = Date.now();
    await phone.type(`${meeting.digits}#`);
    await phone.type(`${pin}#`);
    return answered;
  }

  /** What the phone heard, as 500 ms windows with the share of the browser's tone (after the call has ended). */
  async function phoneHeard(phone: BaresipPhone): Promise<number[]> {
    await phone.quit();
    const [recording] = await phone.recordings();
    expect(recording).toBeDefined();
    return toneTimeline(await readWav(recording ?? ''), BROWSER_HZ);
  }

  it('seats Erika by meeting ID and PIN: she and the host hear each other, the host mutes her', async () => {
    expect(open.pin).toMatch(/^\d{4,}$/);
    const { page } = browser;
    await hostJoins(page, open);

    const phone = await dial();
    await enterCodes(phone, open, open.pin);

    expect(await hears(page, PHONE_HZ, 30_000)).toBe(true);
    await showPeople(page);
    await expect
      .poll(() => page.getByRole('list', { name: 'Status von Erika Muster' }).textContent(), {
        timeout: 10_000,
      })
      .toContain('per Telefon');
    // The caller first hears "you are now in the meeting, star six mutes…" (about 6 s) with the meeting quietly
    // under it (rtp-session.ts); the recording is checked for the host's tone once the prompt is over.
    await sleep(ADMITTED_PROMPT_MS);

    await page.getByRole('button', { name: /Aktionen für Erika Muster/ }).click();
    await page.getByRole('button', { name: 'Mikrofon ausschalten', exact: true }).click();
    expect(await silent(page, PHONE_HZ, 15_000)).toBe(true);

    // The host ends the meeting: the caller hears goodbye and the gateway hangs up.
    await page.getByRole('button', { name: 'Treffen für alle beenden' }).first().click();
    await page.getByRole('button', { name: 'Ja, für alle beenden' }).click();
    await phone.waitFor(/terminated/, 30_000);

    const heard = await phoneHeard(phone);
    expect(Math.max(...heard)).toBeGreaterThan(TONE_HEARD);
  });

  it('waiting room on: the caller hears nothing of the meeting until the host lets her in', async () => {
    const { page } = browser;
    await hostJoins(page, guarded);

    const phone = await dial();
    const answered = await enterCodes(phone, guarded, guarded.pin);
    await showPeople(page);
    const admit = page.getByRole('button', { name: /Hereinlassen/ }).first();
    await admit.waitFor({ timeout: 20_000 });
    const waitingSince = Date.now();
    expect(await page.getByText('Erika Muster').first().isVisible()).toBe(true);
    // Waiting: the host does not hear her either.
    expect(await silent(page, PHONE_HZ, 5000)).toBe(true);
    await sleep(5000);
    const admitted = Date.now();
    await admit.click();
    expect(await hears(page, PHONE_HZ, 30_000)).toBe(true);
    await sleep(ADMITTED_PROMPT_MS);

    const heard = await phoneHeard(phone);
    // 500 ms windows from the answer on (the recording starts then), half a second of margin before the admission.
    const window = (at: number) => Math.max(0, Math.floor((at - answered) / 500));
    const waiting = heard.slice(window(waitingSince), window(admitted - 500));
    const inMeeting = heard.slice(window(admitted));
    expect(waiting.length).toBeGreaterThan(6);
    expect(Math.max(...waiting)).toBeLessThan(TONE_ABSENT);
    expect(Math.max(...inMeeting)).toBeGreaterThan(TONE_HEARD);
  });

  it('ends a call after three wrong PINs, lets the same number ring before the next answer, tells the host', async () => {
    const wrongThrice = async (phone: BaresipPhone) => {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        await enterCodes(phone, guarded, '000000');
        await sleep(800);
      }
    };
    const first = await dial({ caller: '+4930111111' });
    await wrongThrice(first);
    await first.waitFor(/terminated/, 40_000);
    await first.quit();
    expect(first.output).not.toMatch(/ringing/i);

    // The same number again: the gateway lets it ring before the menu answers (growing delays).
    const second = await dial({ caller: '+4930111111' });
    await second.waitFor(/Call established/, 40_000);
    const ringingAt = second.output.search(/ringing/i);
    expect(ringingAt).toBeGreaterThanOrEqual(0);
    expect(ringingAt).toBeLessThan(second.output.indexOf('Call established'));
    await second.quit();

    // Three more wrong tries for this meeting from another number: the hosts get a notice.
    const third = await dial({ caller: '+4930222222' });
    await wrongThrice(third);
    const notice = await waitForMail(
      mailDir,
      (m) => m.to.includes(host.email) && /Sicherheitshinweis/.test(m.subject),
      40_000,
    );
    expect(notice.text).toContain('Telefonrunde mit Warteraum');
    await third.waitFor(/terminated/, 40_000);
  });
});
