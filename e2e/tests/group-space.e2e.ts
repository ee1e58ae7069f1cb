import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiSession, createHost, type TestHost } from '../support/api-session.js';
import { launchParticipant, type Participant } from '../support/browser.js';
import { expectAccessible, heading } from '../support/keyboard.js';
import { findLink, waitForMail } from '../support/mail.js';

const baseUrl = inject('baseUrl');
const mailDir = inject('mailDir');
const adminEmail = inject('adminEmail');
const adminPassword = inject('adminPassword');

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const hostile = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  'javascript:window.__pwned=3',
  'Rechnung\u202Etxt.exe',
  'Mehr unter https://example.org/treffen.',
].join('\n');

describe('group space: an invitee writes between meetings, the host reads it', () => {
  let host: TestHost;
  let invitee: Participant;
  let hostBrowser: Participant;
  let meetingId = '';
  let groupPath = '';

  beforeAll(async () => {
    host = await createHost(
      { baseUrl, mailDir, adminEmail, adminPassword },
      { organisation: `Gruppe ${run}`, host: `Helga ${run}`, email: `helga.${run}@example.org` },
    );
    const session = new ApiSession(baseUrl);
    await session.login(host.email, host.password);
    const series = await session.request<{ id: string }>('POST', '/api/series', {
      organisationId: host.organisationId,
      title: `Gesprächskreis ${run}`,
      firstStart: '2031-03-04T19:00',
      durationMinutes: 90,
      recurrence: { frequency: 'weekly', interval: 1, end: { type: 'count', count: 4 } },
    });
    meetingId = series.id;
    const email = `ida.${run}@example.org`;
    await session.request('POST', `/api/meetings/${meetingId}/invitations`, {
      invitees: [{ email, name: 'Ida Invitee' }],
    });
    const mail = await waitForMail(mailDir, (candidate) => candidate.to.includes(email));
    groupPath = `${new URL(findLink(mail, '/j/') ?? '').pathname}/gruppe`;
    [invitee, hostBrowser] = await Promise.all([launchParticipant({ width: 360 }), launchParticipant()]);
  });
  afterAll(async () => {
    await Promise.all([invitee.close(), hostBrowser.close()]);
  });

  it('lets the invitee reach the space from the join page and post hostile text, shown as text', async () => {
    const { page } = invitee;
    await page.goto(`${baseUrl}${groupPath.replace(/\/gruppe$/, '')}`);
    await page.getByRole('link', { name: 'Zum Gruppenraum' }).click();
    await expect.poll(() => heading(page)).toBe('Gruppenraum');
    await expect
      .poll(() => page.getByText('Noch keine Nachrichten.', { exact: false }).isVisible())
      .toBe(true);
    await page.getByLabel('Ihre Nachricht').fill(hostile);
    await page.getByRole('button', { name: 'Senden' }).click();
    await expect
      .poll(() => page.getByText('<script>window.__pwned = 1</script>', { exact: false }).isVisible())
      .toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // Only the https address became a link; the bidi override is shown, not applied.
    const links = page.locator('.group-messages a');
    await expect.poll(() => links.count()).toBe(1);
    expect(await links.getAttribute('href')).toBe('https://example.org/treffen');
    expect(await links.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await page.getByText('Rechnung[U+202E]txt.exe', { exact: false }).isVisible()).toBe(true);
    // The daily email summary is on until the invitee switches it off.
    const digest = page.getByLabel('Einmal am Tag per E-Mail über neue Nachrichten informieren');
    expect(await digest.isChecked()).toBe(true);
    await digest.uncheck();
    await page.reload();
    await expect.poll(() => digest.isChecked()).toBe(false);
    expect(invitee.blockedRequests).toEqual([]);
  });

  it('shows the host the same inert text, lets them remove it, and passes axe', async () => {
    const { page } = hostBrowser;
    await page.goto(`${baseUrl}/anmelden`);
    await page.getByLabel('E-Mail-Adresse').fill(host.email);
    await page.getByLabel('Passwort', { exact: true }).fill(host.password);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).last().click();
    await expect.poll(() => new URL(page.url()).pathname).not.toBe('/anmelden');
    // From the dashboard: one link per date of the series.
    await page
      .getByRole('link', { name: `Gruppenraum von Gesprächskreis ${run}` })
      .first()
      .click();
    await expect.poll(() => heading(page)).toBe('Gruppenraum');
    await expect
      .poll(() => page.locator('.group-message strong').getByText('Ida Invitee').isVisible())
      .toBe(true);
    expect(
      await page.getByText('<img src=x onerror="window.__pwned = 2">', { exact: false }).isVisible(),
    ).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    await expectAccessible(page, `${baseUrl}/treffen/${meetingId}/gruppe`, (p) =>
      p.locator('.group-message strong').getByText('Ida Invitee').waitFor(),
    );
    await page.getByRole('button', { name: 'Nachricht entfernen' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Nachricht entfernen' }).click();
    await expect
      .poll(() => page.getByText('Diese Nachricht wurde von der Gruppenleitung entfernt.').isVisible())
      .toBe(true);
    await expectAccessible(invitee.page, `${baseUrl}/gruppe/abbestellen`);
    await expectAccessible(invitee.page, `${baseUrl}${groupPath}`, (p) =>
      p.locator('.group-message').first().waitFor(),
    );
  });

  it('lets the host take the invitee out of the space and back in, by keyboard', async () => {
    const { page } = hostBrowser;
    const members = page.locator('.group-members');
    await members.getByRole('button', { name: 'Ida Invitee aus dem Gruppenraum nehmen' }).focus();
    await page.keyboard.press('Enter');
    // The dialog starts on "Abbrechen"; Tab reaches the confirming button.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => members.getByText('nicht im Gruppenraum').isVisible()).toBe(true);

    await invitee.page.goto(`${baseUrl}${groupPath}`);
    await expect
      .poll(() =>
        invitee.page
          .getByText('Die Gruppenleitung hat Sie aus diesem Gruppenraum genommen.', { exact: false })
          .isVisible(),
      )
      .toBe(true);

    await members.getByRole('button', { name: 'Ida Invitee wieder in den Gruppenraum lassen' }).click();
    await expect.poll(() => members.getByText('nicht im Gruppenraum').count()).toBe(0);
    await invitee.page.reload();
    await expect.poll(() => heading(invitee.page)).toBe('Gruppenraum');
    await expect.poll(() => invitee.page.getByLabel('Ihre Nachricht').isVisible()).toBe(true);
  });
});
