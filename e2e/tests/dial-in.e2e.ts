import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaresipPhone, sleep } from '../../server/src/telephony/test/baresip-phone.js';
import type { ApiSession, TestHost } from '../support/api-session.js';
import { launchParticipant, type Participant } from '../support/browser.js';
import { hears, installEars, silent } from '../support/ears.js';
import { waitForMail } from '../support/mail.js';
import type { ServerProcess } from '../support/server-process.js';
import { berlinTime } from '../support/berlin-time.js';
import { startSipServer, type SipServer } from '../support/sip-server.js';
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
  let sip: SipServer;
  let server: ServerProcess;
  let mailDir = '';
  let host: TestHost;
  let session: ApiSession;
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

  /** A meeting that starts now, without passcode; `settings` as the meetings API takes them. */
  async function createMeeting(title: string, settings: Record<string, unknown>) {
    return session.request<{ id: string; meetingId: string; phonePin: string | null }>(
      'POST',
      '/api/meetings',
      {
        organisationId: host.organisationId,
        title,
        start: berlinTime(),
        durationMinutes: 120,
        passcode: null,
        settings: { joinBeforeHost: false, muteOnEntry: false, ...settings },
      },
    );
  }

  beforeAll(async () => {
    sip = await startSipServer({
      name: 'tp-dialin-',
      env: { RTP_PORT_RANGE: '46000-46999', SIP_RTP_PORTS: '47000-47999' },
      host: { organisation: 'Telefonkreis', host: 'Hanna Host', email: 'hanna.phone@example.org' },
    });
    ({ server, mailDir, host, session } = sip);
    sipTarget = `sip:dialin@127.0.0.1:${sip.sipPort}`;
    const withErika = async (title: string, waitingRoom: boolean): Promise<DialInMeeting> => {
      const meeting = await createMeeting(title, { waitingRoom });
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
    open = await withErika('Offene Telefonrunde', false);
    guarded = await withErika('Telefonrunde mit Warteraum', true);

    browser = await launchParticipant({ audioFile: toneFile(BROWSER_HZ) });
    await installEars(browser.page);
    await logIn(browser.page);
  });

  afterAll(async () => {
    await Promise.all(phones.map((phone) => phone.quit()));
    await browser.close();
    await sip.close();
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

  it('meeting-wide PIN: "Telefon 1" mutes herself with *6 and back, the host removes her and the call ends', async () => {
    const meeting = await createMeeting('Telefonrunde für alle', { waitingRoom: false, phonePin: true });
    expect(meeting.phonePin).toMatch(/^\d{6}$/);
    const shared: DialInMeeting = {
      id: meeting.meetingId,
      digits: meeting.meetingId.replace(/\D/g, ''),
      pin: meeting.phonePin ?? '',
    };
    const { page } = browser;
    // The meeting page tells the host what to give callers without an invitation: number and shared PIN.
    await page.goto(`${server.url}/treffen/${meeting.id}`);
    await page.getByText('Berlin: +49 30 1234567').waitFor({ timeout: 20_000 });
    expect(await page.locator('code', { hasText: meeting.phonePin ?? '' }).isVisible()).toBe(true);
    await hostJoins(page, shared);

    const phone = await dial({ caller: '+4930333333' });
    await enterCodes(phone, shared, shared.pin);
    expect(await hears(page, PHONE_HZ, 30_000)).toBe(true);
    await showPeople(page);
    const status = () => page.getByRole('list', { name: 'Status von Telefon 1' }).textContent();
    await expect.poll(status, { timeout: 10_000 }).toContain('per Telefon');

    // *6: she is shown muted and her tone stops for the host; *6 again: back.
    await phone.type('*6');
    await expect.poll(status, { timeout: 10_000 }).toContain('Mikrofon aus');
    expect(await silent(page, PHONE_HZ, 10_000)).toBe(true);
    await phone.type('*6');
    await expect.poll(status, { timeout: 10_000 }).not.toContain('Mikrofon aus');
    expect(await hears(page, PHONE_HZ, 10_000)).toBe(true);

    // The host removes the phone participant: the gateway says goodbye and sends BYE.
    await page.getByRole('button', { name: /Aktionen für Telefon 1/ }).click();
    await page.getByRole('button', { name: 'Aus dem Treffen entfernen' }).click();
    await page.getByRole('button', { name: 'Ja, Telefon 1 entfernen' }).click();
    await phone.waitFor(/terminated/, 20_000);
    await expect
      .poll(() => page.getByRole('list', { name: 'Status von Telefon 1' }).count(), { timeout: 5000 })
      .toBe(0);
  });
});
