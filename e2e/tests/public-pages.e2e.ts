import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityViolations } from '../support/axe.js';
import { launchParticipant, type Participant } from '../support/browser.js';

const baseUrl = inject('baseUrl');

describe('public pages (1 visitor)', () => {
  let visitor: Participant;
  beforeAll(async () => {
    visitor = await launchParticipant({ width: 360 });
  });
  afterAll(() => visitor.close());

  it('shows the start page in German, switches to English and remembers it', async () => {
    const { page } = visitor;
    await page.goto(baseUrl);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Schön, dass Sie da sind.');
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    expect(await page.getByRole('link', { name: 'Technik testen' }).first().isVisible()).toBe(true);

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    const englishHeading = await page.locator('h1').textContent();
    expect(englishHeading).not.toBe('Schön, dass Sie da sind.');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe(englishHeading);
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('de');
  });

  it('explains a mistyped meeting ID next to the field', async () => {
    const { page } = visitor;
    await page.goto(baseUrl);
    const field = page.getByLabel('Link oder Meeting-ID');
    await field.fill('12345');
    await field.press('Enter');
    const describedBy = await field.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    const description = await page.locator(`[id="${describedBy?.split(' ').at(-1) ?? ''}"]`).textContent();
    expect(description).toContain('mindestens 10 Ziffern');
  });

  it.each(['/', '/test', '/hilfe', '/datenschutz', '/impressum', '/gibt-es-nicht'])(
    'has no WCAG 2.1 AA violations at 360 px and 1280 px: %s',
    async (path) => {
      const { page } = visitor;
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${baseUrl}${path}`);
        await page.locator('h1').waitFor();
        expect(await accessibilityViolations(page)).toEqual([]);
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(scrollWidth).toBeLessThanOrEqual(width);
      }
    },
  );

  it('makes no request to any third party', () => {
    expect(visitor.blockedRequests).toEqual([]);
  });

  it('reports the database and Janus as up', async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      database: { status: string };
      janus: Array<{ status: string }>;
    };
    expect(body.database.status).toBe('up');
    expect(body.janus.map((node) => node.status)).toEqual(['up']);
  });
});
