import { readFile } from 'node:fs/promises';
import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations } from '../support/axe.js';
import { launchParticipant, type Participant } from '../support/browser.js';
import { findLink, waitForMail } from '../support/mail.js';

const baseUrl = inject('baseUrl');
const mailDir = inject('mailDir');
const adminEmail = inject('adminEmail');
const adminPassword = inject('adminPassword');

// Tests share one server: names and addresses are unique per run.
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const organisationName = `Gesprächskreis Mittwoch ${run}`;
let hostEmail = `hanna.${run}@example.org`;
const hostName = `Hanna Beispiel ${run}`;
const hostPassword = 'Mein Hund mag gelbe Bälle 7';

/** Presses Tab until the focused element matches `selector` (keyboard only, as a person would). */
async function tabTo(page: Page, selector: string, limit = 60): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').textContent()) ?? '';
}

async function expectNoViolations(page: Page, path: string): Promise<void> {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${baseUrl}${path}`);
    await page.locator('h1').waitFor();
    // Wait for the page's data (lists, forms) so axe checks what people see.
    await expect.poll(() => page.locator('[role="status"].loading').count()).toBe(0);
    expect(await accessibilityViolations(page), `${path} at ${width} px`).toEqual([]);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `${path} at ${width} px is wider than the window`).toBeLessThanOrEqual(width);
  }
}

/** RFC 6238 code (SHA-1, 6 digits, 30 s) for a base32 secret, as an authenticator app computes it. */
function totp(secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const character of secret.replace(/[\s=]/g, '').toUpperCase()) {
    bits += alphabet.indexOf(character).toString(2).padStart(5, '0');
  }
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const hmac = createHmac('sha1', key).update(counter).digest();
  const offset = (hmac[hmac.length - 1] ?? 0) & 0xf;
  return String((hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

describe('accounts: admin console, invitation by email, host login (2 browsers)', () => {
  let admin: Participant;
  let host: Participant;
  let organisationPath = '';
  let setupLink = '';
  let recoveryCodes: string[] = [];

  beforeAll(async () => {
    [admin, host] = await Promise.all([
      launchParticipant({ width: 1280 }),
      launchParticipant({ width: 360 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([admin.close(), host.close()]);
  });

  it('has no WCAG 2.1 AA violations on the login page', async () => {
    await expectNoViolations(admin.page, '/anmelden');
  });

  it('lets the admin log in by keyboard alone and opens the console', async () => {
    const { page } = admin;
    await page.goto(`${baseUrl}/anmelden`);
    await page.locator('h1').waitFor();
    await tabTo(page, '#login-email');
    await page.keyboard.type(adminEmail);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-password');
    await page.keyboard.type(adminPassword);
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/admin');
    await expect.poll(() => heading(page)).toBe('Verwaltung');
    expect(await page.getByText('Angemeldet als Admin').isVisible()).toBe(true);
  });

  it('creates an organisation by keyboard alone', async () => {
    const { page } = admin;
    await page.goto(`${baseUrl}/admin/organisationen`);
    await page.locator('h1').waitFor();
    await tabTo(page, 'a[href="/admin/organisationen/neu"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toBe('Neue Organisation');
    await tabTo(page, '#organisation-name');
    await page.keyboard.type(organisationName);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Frau Beispiel, Tel. 030 1234567');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Trifft sich mittwochs.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('60');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Organisation anlegen');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toMatch(/\/admin\/organisationen\/[0-9a-f-]{36}$/);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'ist angelegt' }).count())
      .toBeGreaterThan(0);
    expect(await page.getByLabel('Name').inputValue()).toBe(organisationName);
    expect(await page.locator('#organisation-retention').inputValue()).toBe('60');
    organisationPath = new URL(page.url()).pathname;
  });

  it('invites a host to the new organisation; the invitation arrives by SMTP with a set-up link', async () => {
    const { page } = admin;
    await page.goto(`${baseUrl}/admin/gruppenleitungen/neu`);
    await page.getByLabel('E-Mail-Adresse').fill(hostEmail);
    await page.getByLabel('Name', { exact: true }).fill(hostName);
    await page.getByLabel(organisationName).check();
    await page.getByRole('button', { name: 'Einladung senden' }).click();
    await expect
      .poll(() => page.getByText(`Die Einladung an ${hostEmail} ist unterwegs.`).isVisible())
      .toBe(true);

    const mail = await waitForMail(mailDir, (candidate) => candidate.to.includes(hostEmail));
    expect(mail.subject).toContain('Ihr Zugang zu Treffpunkt');
    setupLink = findLink(mail, '/account/setup#token=') ?? '';
    expect(setupLink).toMatch(/^http:\/\/localhost:\d+\/account\/setup#token=[A-Za-z0-9_-]{43}$/);
  });

  it('lets the host set a password through the link, log in and see only their organisation', async () => {
    const { page } = host;
    await page.goto(setupLink);
    await expect.poll(() => heading(page)).toBe('Passwort festlegen');
    // The one-time token leaves the address bar at once.
    await expect.poll(() => page.url()).toBe(`${baseUrl}/account/setup`);

    const field = page.getByLabel('Ihr neues Passwort');
    await field.fill('zu kurz');
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Das Passwort ist zu kurz');
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    await field.fill(hostPassword);
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/anmelden');
    expect(await page.getByText('Ihr Passwort ist gespeichert.').isVisible()).toBe(true);
    expect(await page.getByLabel('E-Mail-Adresse').inputValue()).toBe(hostEmail);

    await page.getByLabel('Passwort', { exact: true }).fill(hostPassword);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).last().click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/dashboard');
    await expect.poll(() => heading(page)).toBe('Übersicht');
    const main = page.locator('main');
    expect(await main.getByRole('heading', { name: 'Ihre Organisation' }).isVisible()).toBe(true);
    expect(await main.getByRole('listitem').allTextContents()).toEqual([organisationName]);
    expect(await main.textContent()).not.toContain('Demo-Selbsthilfegruppe');
    expect(await main.getByText('Noch keine Treffen geplant.').isVisible()).toBe(true);
    expect(await page.getByText(`Angemeldet als ${hostName}`).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Verwaltung' }).count()).toBe(0);

    await page.goto(`${baseUrl}/admin`);
    await expect.poll(() => heading(page)).toBe('Kein Zugriff');
  });

  it.each([
    '/admin',
    '/admin/organisationen',
    '/admin/organisationen/neu',
    'the new organisation',
    '/admin/gruppenleitungen',
    '/admin/gruppenleitungen/neu',
    '/admin/protokoll',
    '/admin/postausgang',
    '/admin/einstellungen',
    '/dashboard',
    '/profil',
  ])('has no WCAG 2.1 AA violations at 360 px and 1280 px: %s', async (path) => {
    await expectNoViolations(admin.page, path === 'the new organisation' ? organisationPath : path);
  });

  it("has no WCAG 2.1 AA violations on a host's profile", async () => {
    await expectNoViolations(host.page, '/profil');
  });

  it('lets the host switch on a second factor and then log in with a recovery code', async () => {
    const { page } = host;
    await page.setViewportSize({ width: 360, height: 900 });
    await page.goto(`${baseUrl}/profil`);
    await page.getByLabel('Ihr Passwort', { exact: true }).last().fill(hostPassword);
    await page.getByRole('button', { name: 'Zweiten Faktor einrichten' }).click();
    await page.locator('.qr-code').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    const secret = (await page.locator('.secret code').textContent()) ?? '';
    expect(secret).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    await page.getByLabel('Code aus der App').fill(totp(secret));
    await page.getByRole('button', { name: 'Bestätigen und einschalten' }).click();
    await expect.poll(() => page.locator('.recovery-codes li').count()).toBe(10);
    recoveryCodes = await page.locator('.recovery-codes code').allTextContents();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ich habe die Codes sicher aufbewahrt' }).click();

    await page.getByRole('button', { name: 'Abmelden', exact: true }).click();
    await expect.poll(() => page.getByText('Sie sind abgemeldet.').isVisible()).toBe(true);
    await page.getByLabel('E-Mail-Adresse').fill(hostEmail);
    await page.getByLabel('Passwort', { exact: true }).fill(hostPassword);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).last().click();
    await expect.poll(() => heading(page)).toBe('Bestätigungscode eingeben');
    expect(await accessibilityViolations(page)).toEqual([]);
    // Typed by hand: lower case and spaces instead of dashes still count.
    await page
      .getByLabel('Code', { exact: true })
      .fill((recoveryCodes[0] ?? '').toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: 'Bestätigen' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/dashboard');
  });

  it('sends a visitor of a protected page to the login and back there afterwards', async () => {
    const { page } = host;
    await page.getByRole('button', { name: 'Abmelden', exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/anmelden');
    await page.goto(`${baseUrl}/profil`);
    await expect.poll(() => page.url()).toBe(`${baseUrl}/anmelden?weiter=%2Fprofil`);
    expect(await page.getByText('Bitte melden Sie sich an, um diese Seite zu sehen.').isVisible()).toBe(true);
    await page.getByLabel('E-Mail-Adresse').fill(hostEmail);
    await page.getByLabel('Passwort', { exact: true }).fill(hostPassword);
    await page.getByLabel('Passwort', { exact: true }).press('Enter');
    await page.getByLabel('Code', { exact: true }).fill(recoveryCodes[1] ?? '');
    await page.getByLabel('Code', { exact: true }).press('Enter');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/profil');
    await expect.poll(() => heading(page)).toBe('Profil');
  });

  it("downloads the host's own data as a JSON file", async () => {
    const { page } = host;
    await page.goto(`${baseUrl}/profil`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Meine Daten herunterladen' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('treffpunkt-meine-daten.json');
    const text = await readFile(await download.path(), 'utf8');
    const data = JSON.parse(text) as { account: { email: string; secondFactor: boolean } };
    expect(data.account).toMatchObject({ email: hostEmail, secondFactor: true });
    expect(text).not.toContain('$argon2');
  });

  it('changes the email address once the link sent to the new address is opened', async () => {
    const { page } = host;
    const newEmail = `hanna.neu.${run}@example.org`;
    await page.goto(`${baseUrl}/profil`);
    await page.getByLabel('Neue E-Mail-Adresse').fill(newEmail);
    await page.locator('#email-password').fill(hostPassword);
    await page.getByRole('button', { name: 'Bestätigungslink senden' }).click();
    await expect
      .poll(() => page.getByText(`Wir haben einen Link an ${newEmail} geschickt.`).isVisible())
      .toBe(true);

    const mail = await waitForMail(mailDir, (candidate) => candidate.to.includes(newEmail));
    await page.goto(findLink(mail, '/account/email#token=') ?? '');
    await expect.poll(() => page.url()).toBe(`${baseUrl}/account/email`);
    await page.getByRole('button', { name: 'Adresse bestätigen' }).click();
    await expect
      .poll(() => page.getByText('Ihre neue E-Mail-Adresse ist bestätigt.', { exact: false }).isVisible())
      .toBe(true);
    await page.goto(`${baseUrl}/profil`);
    await expect.poll(() => page.getByText(`Ihre E-Mail-Adresse ist ${newEmail}.`).isVisible()).toBe(true);
    hostEmail = newEmail;
  });

  it('resets a forgotten password through the link in the mail', async () => {
    const { page } = host;
    await page.getByRole('button', { name: 'Abmelden', exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/anmelden');
    await page.getByRole('link', { name: 'Passwort vergessen?' }).click();
    await expect.poll(() => heading(page)).toBe('Passwort vergessen');
    await page.getByLabel('E-Mail-Adresse').fill(hostEmail);
    await page.getByRole('button', { name: 'Link anfordern' }).click();
    await expect
      .poll(() =>
        page.getByText('ist jetzt eine E-Mail mit einem Link unterwegs', { exact: false }).isVisible(),
      )
      .toBe(true);

    const mail = await waitForMail(
      mailDir,
      (candidate) => candidate.to.includes(hostEmail) && candidate.subject.includes('Neues Passwort'),
    );
    await page.goto(findLink(mail, '/account/reset#token=') ?? '');
    await expect.poll(() => heading(page)).toBe('Neues Passwort festlegen');
    const newPassword = 'Ein ganz neuer Satz für Hanna';
    await page.getByLabel('Ihr neues Passwort').fill(newPassword);
    await page.getByRole('button', { name: 'Neues Passwort speichern' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/anmelden');
    await page.getByLabel('Passwort', { exact: true }).fill(newPassword);
    await page.getByLabel('Passwort', { exact: true }).press('Enter');
    await page.getByLabel('Code', { exact: true }).fill(recoveryCodes[2] ?? '');
    await page.getByLabel('Code', { exact: true }).press('Enter');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/dashboard');
  });

  it('makes no request to any third party', () => {
    expect(admin.blockedRequests).toEqual([]);
    expect(host.blockedRequests).toEqual([]);
  });
});
