import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { accessibilityViolations } from './axe.js';

/** Presses Tab until the focused element matches `selector` (keyboard only, as a person would). */
export async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

export async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').textContent()) ?? '';
}

/**
 * Opens `url` at 360 and 1280 px, waits until nothing is loading, and expects no WCAG 2.1 AA violations and no
 * sideways scrolling. `ready` waits for the page's own content where a spinner is not enough.
 */
export async function expectAccessible(page: Page, url: string, ready?: (page: Page) => Promise<void>) {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(url);
    await page.locator('h1').waitFor();
    await expect.poll(() => page.locator('.loading').count()).toBe(0);
    await ready?.(page);
    expect(await accessibilityViolations(page), `${url} at ${width} px`).toEqual([]);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `${url} at ${width} px is wider than the window`).toBeLessThanOrEqual(width);
  }
}
