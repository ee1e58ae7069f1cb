import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createHost, type TestHost } from '../support/api-session.js';
import { launchParticipant, type Participant } from '../support/browser.js';
import { expectAccessible, heading, tabTo } from '../support/keyboard.js';
import { findLink, waitForMail } from '../support/mail.js';

const baseUrl = inject('baseUrl');
const mailDir = inject('mailDir');
const adminEmail = inject('adminEmail');
const adminPassword = inject('adminPassword');

// Tests share one server: names and addresses are unique per run.
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const title = `Gesprächskreis Dienstag ${run}`;
const annaEmail = `anna.${run}@example.org`;
const benEmail = `ben.${run}@example.org`;

async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/anmelden`);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).last().click();
  await expect.poll(() => new URL(page.url()).pathname).not.toBe('/anmelden');
}

describe('meetings: a host plans a weekly series, invites two people, withdraws one invitation', () => {
  let host: TestHost;
  let hostBrowser: Participant;
  let guest: Participant;
  let meetingPath = '';
  let annaLink = '';
  let benLink = '';

  beforeAll(async () => {
    [host, hostBrowser, guest] = await Promise.all([
      createHost(
        { baseUrl, mailDir, adminEmail, adminPassword },
        {
          organisation: `Selbsthilfe Trauer ${run}`,
          host: `Hanna Gastgeberin ${run}`,
          email: `hanna.meetings.${run}@example.org`,
        },
      ),
      launchParticipant({ width: 1280 }),
      launchParticipant({ width: 360 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([hostBrowser.close(), guest.close()]);
  });

  it('lets the host plan a weekly series by keyboard alone', async () => {
    const { page } = hostBrowser;
    await logIn(page, host.email, host.password);
    await expect.poll(() => heading(page)).toBe('Übersicht');
    await expect.poll(() => page.getByText('Noch keine Treffen geplant.').isVisible()).toBe(true);

    await tabTo(page, 'a[href="/treffen/neu"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toBe('Treffen planen');
    await tabTo(page, '#meeting-title');
    await page.keyboard.type(title);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Wir sprechen über das, was uns bewegt.');
    // Date (tomorrow) and time (19:00 in Berlin) keep their defaults; the rhythm is a radio group: arrows.
    await tabTo(page, '#meeting-repeat-0');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('Jede Woche').isChecked()).toBe(true);
    await tabTo(page, '#meeting-count');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('6');
    await tabTo(page, 'button[type="submit"]');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Treffen planen');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.url()).toMatch(/\/treffen\/[0-9a-f-]{36}$/);
    meetingPath = new URL(page.url()).pathname;
    await expect.poll(() => heading(page)).toBe(title);
    expect(await page.getByText('ist geplant. Jetzt können Sie Menschen einladen.').isVisible()).toBe(true);
    expect(await page.locator('.facts').textContent()).toMatch(/Jede Woche am \w+, 6 Termine/);
    await expect.poll(() => page.locator('.occurrence-list > li').count()).toBe(6);
  });

  it('invites two people, one by one and from a pasted list; each gets a mail with a personal link', async () => {
    const { page } = hostBrowser;
    await page.getByRole('link', { name: 'Einladungen', exact: true }).click();
    await expect.poll(() => heading(page)).toBe(`Einladungen: ${title}`);
    await expect.poll(() => page.getByText('Noch niemand eingeladen.').isVisible()).toBe(true);

    await page.getByLabel('E-Mail-Adresse').fill(annaEmail);
    await page.getByLabel('Name', { exact: false }).first().fill('Anna Beispiel');
    await page.getByRole('button', { name: 'Einladung senden' }).click();
    await expect.poll(() => page.getByText('1 Einladung ist unterwegs.').isVisible()).toBe(true);

    await page.getByLabel('Adressen einfügen').fill(`Ben Muster <${benEmail}>\nkeine Adresse`);
    await page.getByRole('button', { name: 'Adressen prüfen' }).click();
    await expect.poll(() => page.getByText('1 Adresse erkannt.').isVisible()).toBe(true);
    expect(await page.getByText('Zeile 2: „keine Adresse“').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Einladung an 1 Person senden' }).click();
    await expect.poll(() => page.locator('.invitation-list > li').count()).toBe(2);
    await expect.poll(() => page.locator('.badge-invitation-sent').count(), { timeout: 20_000 }).toBe(2);

    const [anna, ben] = await Promise.all([
      waitForMail(mailDir, (mail) => mail.to.includes(annaEmail)),
      waitForMail(mailDir, (mail) => mail.to.includes(benEmail)),
    ]);
    expect(anna.subject).toContain(title);
    annaLink = findLink(anna, '/j/') ?? '';
    benLink = findLink(ben, '/j/') ?? '';
    expect(annaLink).toMatch(/^http:\/\/localhost:\d+\/j\/[A-Za-z0-9_-]{40,}$/);
    expect(benLink).not.toBe(annaLink);
  });

  it('opens the join page from the mail: title, time, host and the privacy note', async () => {
    const { page } = guest;
    await page.goto(annaLink);
    const info = page.locator('.join-info');
    await info.waitFor();
    expect(await info.getByRole('heading', { name: title }).isVisible()).toBe(true);
    const text = (await info.textContent()) ?? '';
    expect(text).toContain('Einladung für Anna Beispiel');
    expect(text).toContain('19:00–20:30');
    expect(text).toContain(host.name);
    expect(text).toContain(host.organisationName);
    expect(text).toContain('Wir löschen sie spätestens 30 Tage nach dem letzten Termin.');
    const privacy = info.getByRole('link', { name: 'Datenschutzerklärung (öffnet in neuem Tab)' });
    expect(await privacy.getAttribute('href')).toBe('/datenschutz');
    expect(await info.getByRole('button', { name: 'Einladung absagen' }).isVisible()).toBe(true);
  });

  it('withdraws one invitation; its link then shows that the invitation is no longer valid', async () => {
    const { page } = hostBrowser;
    await page.getByRole('button', { name: `Einladung an ${benEmail} zurückziehen` }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByRole('heading').textContent()).toBe('Einladung zurückziehen?');
    await dialog.getByRole('button', { name: 'Zurückziehen' }).click();
    await expect
      .poll(() => page.getByText(`Die Einladung an ${benEmail} ist zurückgezogen.`).isVisible())
      .toBe(true);
    await expect.poll(() => page.locator('.badge-invitation-revoked').count()).toBe(1);

    await guest.page.goto(benLink);
    await expect.poll(() => heading(guest.page)).toBe('Diese Einladung gilt nicht mehr');
    expect(await guest.page.locator('.join-info').count()).toBe(0);
  });

  it('lets the host name a co-host, who then finds the meeting in their own overview', async () => {
    const coHost = await createHost(
      { baseUrl, mailDir, adminEmail, adminPassword },
      {
        organisation: host.organisationName,
        organisationId: host.organisationId,
        host: `Gerd Co ${run}`,
        email: `gerd.meetings.${run}@example.org`,
      },
    );
    const { page } = hostBrowser;
    await page.goto(`${baseUrl}${meetingPath}/bearbeiten`);
    const group = page.getByRole('group', { name: 'Weitere Gruppenleitung (Co-Leitung)' });
    await group.getByLabel(coHost.name).check();
    // The host is never offered as their own co-host.
    expect(await group.getByLabel(host.name).count()).toBe(0);
    await page.getByRole('button', { name: 'Änderungen speichern' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(meetingPath);
    await page.getByText(coHost.name, { exact: true }).waitFor();

    const context = await hostBrowser.browser.newContext({ locale: 'de-DE' });
    try {
      const coHostPage = await context.newPage();
      await logIn(coHostPage, coHost.email, coHost.password);
      await coHostPage.getByRole('link', { name: title }).first().waitFor();
    } finally {
      await context.close();
    }
  });

  it('has no WCAG 2.1 AA violations on the new pages at 360 px and 1280 px', async () => {
    const { page } = hostBrowser;
    const meetingReady = async (p: Page) => {
      await p.locator('.occurrence-list > li').first().waitFor();
    };
    await expectAccessible(page, `${baseUrl}/dashboard`, async (p) => {
      await p.locator('.occurrence-records').waitFor();
    });
    await expectAccessible(page, `${baseUrl}/treffen/neu`);
    await expectAccessible(page, `${baseUrl}${meetingPath}`, meetingReady);
    await expectAccessible(page, `${baseUrl}${meetingPath}/bearbeiten`);
    await expectAccessible(page, `${baseUrl}${meetingPath}/einladungen`, async (p) => {
      await p.locator('.invitation-list').waitFor();
    });
    await expectAccessible(guest.page, annaLink, async (p) => {
      await p.locator('.join-info').waitFor();
    });
    await expectAccessible(guest.page, benLink);

    const adminContext = await hostBrowser.browser.newContext({ locale: 'de-DE' });
    const admin = await adminContext.newPage();
    await logIn(admin, adminEmail, adminPassword);
    await expectAccessible(admin, `${baseUrl}/admin/treffen`, async (p) => {
      await p.getByRole('link', { name: title }).waitFor();
    });
    await adminContext.close();
  });

  it('makes no request to any third party', () => {
    expect(hostBrowser.blockedRequests).toEqual([]);
    expect(guest.blockedRequests).toEqual([]);
  });
});
