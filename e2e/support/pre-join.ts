import type { Page } from 'playwright-core';

/** Fills in the pre-join page (name, consent) and presses "Beitreten"; the room or the waiting room follows. */
export async function joinFromPreJoin(page: Page, name: string): Promise<void> {
  const nameField = page.getByRole('textbox', { name: 'Ihr Name' });
  await nameField.waitFor({ timeout: 20_000 });
  await nameField.fill(name);
  const consent = page.getByLabel('Ich bin einverstanden, mit Ton, Bild und Chat teilzunehmen.');
  if (await consent.isVisible()) {
    await consent.check();
  }
  await page.getByRole('button', { name: 'Beitreten', exact: true }).click();
}

/** Opens an entry link (`/m/…`, `/j/…`, `/raum/…`) and goes through the pre-join page. */
export async function enter(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await joinFromPreJoin(page, name);
}

/** In the room: the "Verlassen" button is there. */
export async function inRoom(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Verlassen' }).waitFor({ timeout: 30_000 });
}
