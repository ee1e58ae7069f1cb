import type { Page } from 'playwright-core';

/**
 * Records every signalling message the page receives, by wrapping `WebSocket` before the app loads (to check
 * what a waiting client learnt, or what a client was told after a server restart).
 */
export async function recordSignalling(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const received: string[] = [];
    (window as unknown as { __received: string[] }).__received = received;
    const Original = window.WebSocket;
    const Wrapped = function (this: unknown, url: string | URL, protocols?: string | string[]) {
      const socket = new Original(url, protocols);
      socket.addEventListener('message', (event: MessageEvent<string>) => received.push(event.data));
      return socket;
    } as unknown as typeof WebSocket;
    Object.assign(Wrapped, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
    Wrapped.prototype = Original.prototype;
    window.WebSocket = Wrapped;
  });
}

/** Every message received so far, parsed (in order). */
export async function receivedMessages(
  page: Page,
): Promise<Array<{ type: string } & Record<string, unknown>>> {
  const raw = await page.evaluate(() => (window as unknown as { __received: string[] }).__received);
  return raw.map((text) => JSON.parse(text) as { type: string } & Record<string, unknown>);
}
