import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiSession, createHost } from '../support/api-session.js';
import { accessibilityViolations } from '../support/axe.js';
import { berlinTime } from '../support/berlin-time.js';
import { launchParticipant, type Participant } from '../support/browser.js';
import { installEars, videoFramesRising as framesRising } from '../support/ears.js';
import { tabTo } from '../support/keyboard.js';
import { toneFile } from '../support/tones.js';

const baseUrl = inject('baseUrl');
const mailDir = inject('mailDir');
const adminEmail = inject('adminEmail');
const adminPassword = inject('adminPassword');

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function join(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('textbox', { name: 'Ihr Name' }).fill(name);
  const consent = page.getByLabel('Ich bin einverstanden, mit Ton, Bild und Chat teilzunehmen.');
  if (await consent.isVisible()) {
    await consent.check();
  }
  await page.getByRole('button', { name: 'Beitreten', exact: true }).click();
  await page.getByRole('button', { name: 'Verlassen' }).waitFor({ timeout: 30_000 });
}

describe('live meeting: video, screen sharing, keyboard only', () => {
  let url = '';
  let passcodeUrl = '';
  let a: Participant;
  let b: Participant;
  let k: Participant;

  beforeAll(async () => {
    const host = await createHost(
      { baseUrl, mailDir, adminEmail, adminPassword },
      { organisation: `Video ${run}`, host: `Vera ${run}`, email: `vera.${run}@example.org` },
    );
    const session = new ApiSession(baseUrl);
    await session.login(host.email, host.password);
    const meeting = await session.request<{ meetingId: string }>('POST', '/api/meetings', {
      organisationId: host.organisationId,
      title: `Videorunde ${run}`,
      start: berlinTime(new Date(Date.now() + 60_000)),
      durationMinutes: 120,
      passcode: null,
      settings: { waitingRoom: false, joinBeforeHost: true, muteOnEntry: false, cameraOffOnEntry: false },
    });
    url = `${baseUrl}/m/${meeting.meetingId}`;
    const guarded = await session.request<{ meetingId: string }>('POST', '/api/meetings', {
      organisationId: host.organisationId,
      title: `Kenncoderunde ${run}`,
      start: berlinTime(new Date(Date.now() + 60_000)),
      durationMinutes: 120,
      passcode: 'Linde-42',
      settings: { waitingRoom: false, joinBeforeHost: true, muteOnEntry: true, cameraOffOnEntry: true },
    });
    passcodeUrl = `${baseUrl}/m/${guarded.meetingId}`;
    [a, b, k] = await Promise.all([
      launchParticipant({ audioFile: toneFile(440) }),
      launchParticipant({ audioFile: toneFile(1000), screenShare: true }),
      launchParticipant({ audioFile: toneFile(1700) }),
    ]);
    for (const person of [a, b, k]) {
      await installEars(person.page);
    }
  });
  afterAll(async () => {
    await Promise.all([a, b, k].map((person) => person.close()));
  });

  it("shows B's camera to A (frames decoded), and B's shared screen", async () => {
    await join(a.page, url, 'Anna');
    await join(b.page, url, 'Bert');
    await b.page.getByRole('button', { name: /^Kamera/ }).click();
    expect(await framesRising(a.page, 1)).toBe(true);
    expect(await accessibilityViolations(a.page)).toEqual([]);

    await b.page.getByRole('button', { name: /^Bildschirm teilen/ }).click();
    // The shared screen becomes the big tile, captioned with the sharer's name.
    await expect
      .poll(() => a.page.locator('text=Bildschirm von Bert >> visible=true').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    expect(await framesRising(a.page, 2)).toBe(true);
  });

  it('can be joined, muted, hand raised and left by keyboard alone', async () => {
    const { page } = k;
    await page.goto(url);
    await tabTo(page, 'input[autocomplete="nickname"]');
    await page.keyboard.type('Kim');
    const consent = page.getByLabel('Ich bin einverstanden, mit Ton, Bild und Chat teilzunehmen.');
    if (await consent.isVisible()) {
      await consent.focus();
      await page.keyboard.press('Space');
    }
    await tabTo(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Verlassen' }).waitFor({ timeout: 30_000 });

    const mic = page.getByRole('button', { name: /^Mikrofon/ });
    const before = await mic.textContent();
    await page.locator('body').focus();
    await page.keyboard.press('m');
    await expect.poll(() => mic.textContent()).not.toBe(before);
    // The same by Tab and Space on the button itself.
    const pressed = await mic.getAttribute('aria-pressed');
    await tabTo(page, 'button[aria-keyshortcuts="M"]');
    await page.keyboard.press('Space');
    await expect.poll(() => mic.getAttribute('aria-pressed')).not.toBe(pressed);
    await page.keyboard.press('h');
    await expect.poll(() => a.page.getByText('Hand gehoben').first().isVisible()).toBe(true);

    await tabTo(page, 'button.control-leave, .control-leave button');
    await page.keyboard.press('Enter');
    await tabTo(page, '.menu-button-danger');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sie haben das Treffen verlassen' }).waitFor({ timeout: 20_000 });
  });

  it('asks for the passcode behind a meeting ID, explains a wrong one, and lets the right one in', async () => {
    const { page } = k;
    await page.goto(passcodeUrl);
    await page.getByRole('textbox', { name: 'Ihr Name' }).fill('Kim');
    const consent = page.getByLabel('Ich bin einverstanden, mit Ton, Bild und Chat teilzunehmen.');
    if (await consent.isVisible()) {
      await consent.check();
    }
    await page.getByRole('button', { name: 'Beitreten', exact: true }).click();
    await page.getByRole('heading', { name: 'Kenncode eingeben' }).waitFor({ timeout: 20_000 });
    await page.getByRole('textbox', { name: 'Kenncode' }).fill('Linde-41');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('alert').getByText('Der Kenncode stimmt nicht.').waitFor({ timeout: 20_000 });
    await page.getByRole('textbox', { name: 'Kenncode' }).fill('Linde-42');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('button', { name: 'Verlassen' }).waitFor({ timeout: 30_000 });
    expect(await page.getByText(`Kenncoderunde ${run}`).first().isVisible()).toBe(true);
  });
});
