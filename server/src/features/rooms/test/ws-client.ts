import { serverMessage, type ClientMessage, type ServerMessage } from '@treffpunkt/protocol';
import WebSocket from 'ws';

type Of<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;
type ErrorMessage = Of<'error'>;

/**
 * A signalling client as a browser page would be, without the browser: one WebSocket, every message it got
 * kept (and checked against the protocol's server schema), waits for replies by type or request id.
 */
export class SignalClient {
  readonly received: ServerMessage[] = [];
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.received.push(serverMessage.parse(JSON.parse(data.toString('utf8'))));
      this.waiters.splice(0).forEach((wake) => wake());
    });
  }

  static async open(url: string, headers: Record<string, string>): Promise<SignalClient> {
    const socket = new WebSocket(url, { headers });
    const client = new SignalClient(socket);
    await new Promise<void>((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return client;
  }

  send(message: ClientMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  of<T extends ServerMessage['type']>(type: T): Array<Of<T>> {
    return this.received.filter((message): message is Of<T> => message.type === type);
  }

  types(): string[] {
    return this.received.map((message) => message.type);
  }

  /** The first message (from `from` on) of `type` that matches, waiting up to `timeoutMs` for it. */
  async next<T extends ServerMessage['type']>(
    type: T,
    options: { from?: number; match?: (message: Of<T>) => boolean; timeoutMs?: number } = {},
  ): Promise<Of<T>> {
    const deadline = Date.now() + (options.timeoutMs ?? 5_000);
    for (;;) {
      const found = this.received
        .slice(options.from ?? 0)
        .find(
          (message): message is Of<T> => message.type === type && (options.match?.(message as Of<T>) ?? true),
        );
      if (found) {
        return found;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`no ${type} within the time (got: ${this.types().join(', ')})`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends a request with an id and resolves with the reply of `type`, or rejects with the `error` for it. */
  async request<T extends ServerMessage['type']>(
    message: ClientMessage & { id: string },
    type: T,
  ): Promise<Of<T>> {
    const from = this.received.length;
    this.send(message);
    const reply = await Promise.race([
      this.next(type, { from, match: (m) => (m as { id?: string }).id === message.id }),
      this.next('error', { from, match: (m) => m.id === message.id }),
    ]);
    if (reply.type === 'error') {
      throw Object.assign(new Error((reply as ErrorMessage).message), {
        code: (reply as ErrorMessage).error,
      });
    }
    return reply as Of<T>;
  }

  /** Sends a message without an id and resolves with the `error` it caused, if any within `waitMs`. */
  async errorFor(message: ClientMessage, waitMs = 300): Promise<ErrorMessage | undefined> {
    const from = this.received.length;
    this.send(message);
    return this.next('error', { from, timeoutMs: waitMs }).catch(() => undefined);
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
