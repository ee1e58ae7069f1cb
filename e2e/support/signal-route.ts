import type { Page, WebSocketRoute } from 'playwright-core';

export type SignalFrame = { type: string } & Record<string, unknown>;

/**
 * Puts the test between a page and the server's signalling WebSocket (`/api/signal`), using Playwright's
 * `page.routeWebSocket`: the page's socket becomes a mock whose real connection to the server is still opened by the
 * page itself (same Origin and cookies), and every frame passes through here. It records what went each way and
 * can hold back frames from the server (`hold`), as a network that delays them would; held frames are never
 * delivered (they die with the connection). Each reconnect of the page is a new route, recorded the same way.
 */
export class SignalRoute {
  /** Frames the page sent, parsed, in order, over all its connections. */
  readonly sent: SignalFrame[] = [];
  /** Frames the server sent that reached the page. */
  readonly delivered: SignalFrame[] = [];
  /** Frames the server sent that were held back and never reached the page. */
  readonly held: SignalFrame[] = [];
  /** How many times the page opened the signalling socket. */
  connections = 0;
  private holdWhen: ((frame: SignalFrame) => boolean) | undefined;
  private server: WebSocketRoute | undefined;

  static async install(page: Page): Promise<SignalRoute> {
    const route = new SignalRoute();
    await page.routeWebSocket(/\/api\/signal/, (ws) => route.attach(ws));
    return route;
  }

  /** From now on, server frames matching `when` do not reach the page (`undefined`: deliver everything again). */
  hold(when: ((frame: SignalFrame) => boolean) | undefined): void {
    this.holdWhen = when;
  }

  /** Sends a raw frame to the server on the page's current connection, as a hand-made client would. */
  inject(frame: Record<string, unknown>): void {
    if (!this.server) {
      throw new Error('the page has no signalling connection');
    }
    this.server.send(JSON.stringify(frame));
  }

  private attach(ws: WebSocketRoute): void {
    this.connections += 1;
    const server = ws.connectToServer();
    this.server = server;
    ws.onMessage((message) => {
      const text = typeof message === 'string' ? message : message.toString('utf8');
      this.sent.push(JSON.parse(text) as SignalFrame);
      server.send(message);
    });
    server.onMessage((message) => {
      const text = typeof message === 'string' ? message : message.toString('utf8');
      const frame = JSON.parse(text) as SignalFrame;
      if (this.holdWhen?.(frame)) {
        this.held.push(frame);
        return;
      }
      this.delivered.push(frame);
      ws.send(message);
    });
  }
}
