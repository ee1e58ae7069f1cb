import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignallingClient, type SignallingState } from './signalling-client';

/** A WebSocket stand-in: the test opens, closes and feeds it; `sent` collects what the client sent. */
class FakeSocket extends EventTarget {
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readyState = 0;
  sent: unknown[] = [];
  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }
  drop(): void {
    this.readyState = 3;
    this.dispatchEvent(new Event('close'));
  }
  receive(message: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(message) }));
  }
}

function setup(options: { reconnect?: boolean; heartbeatMs?: number } = {}) {
  const sockets: FakeSocket[] = [];
  const states: SignallingState[] = [];
  const client = new SignallingClient({
    url: 'ws://test/api/signal',
    timeoutMs: 5000,
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
    ...(options.reconnect ? { reconnect: { baseMs: 100, maxMs: 1000, maxAttempts: 3 } } : {}),
    ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
  });
  client.on('state', (state) => states.push(state));
  return { client, sockets, states };
}

describe('SignallingClient', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(1);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('without reconnect, a lost socket closes the client and rejects pending requests', async () => {
    const { client, sockets, states } = setup();
    const connected = client.connect();
    sockets[0]!.open();
    await connected;
    const reply = client.request({ type: 'ping', id: 'p1' }, 'pong');
    sockets[0]!.drop();
    await expect(reply).rejects.toMatchObject({ code: 'closed' });
    expect(states).toEqual(['connecting', 'open', 'closed']);
    expect(sockets).toHaveLength(1);
  });

  it('fails a first connection that never opens, without retrying', async () => {
    const { client, sockets, states } = setup({ reconnect: true });
    const connected = client.connect();
    sockets[0]!.drop();
    await expect(connected).rejects.toMatchObject({ code: 'connect_failed' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(states).toEqual(['connecting', 'closed']);
    expect(sockets).toHaveLength(1);
  });

  it('reconnects with backoff after an open socket is lost, keeping listeners', async () => {
    const { client, sockets, states } = setup({ reconnect: true, heartbeatMs: 0 });
    const messages: string[] = [];
    client.on('message', (message) => messages.push(message.type));
    const connected = client.connect();
    sockets[0]!.open();
    await connected;
    sockets[0]!.drop();
    expect(states.at(-1)).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(100);
    expect(sockets).toHaveLength(2);
    sockets[1]!.drop();
    await vi.advanceTimersByTimeAsync(199);
    expect(sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(3);
    sockets[2]!.open();
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);
    sockets[2]!.receive({ type: 'pong' });
    sockets[0]!.receive({ type: 'pong' });
    expect(messages).toEqual(['pong']);
  });

  it('gives up after maxAttempts failed attempts in a row', async () => {
    const { client, sockets, states } = setup({ reconnect: true, heartbeatMs: 0 });
    const connected = client.connect();
    sockets[0]!.open();
    await connected;
    sockets[0]!.drop();
    for (let index = 1; index <= 3; index += 1) {
      await vi.advanceTimersByTimeAsync(1000);
      sockets[index]!.drop();
    }
    expect(states.at(-1)).toBe('closed');
    await vi.advanceTimersByTimeAsync(5000);
    expect(sockets).toHaveLength(4);
  });

  it('treats a missing pong as a lost socket', async () => {
    const { client, sockets, states } = setup({ reconnect: true, heartbeatMs: 1000 });
    const connected = client.connect();
    sockets[0]!.open();
    await connected;
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets[0]!.sent).toEqual([{ type: 'ping' }]);
    sockets[0]!.receive({ type: 'pong' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(states.at(-1)).toBe('open');
    await vi.advanceTimersByTimeAsync(1000);
    expect(states.at(-1)).toBe('reconnecting');
  });

  it('close() stops reconnecting for good', async () => {
    const { client, sockets, states } = setup({ reconnect: true, heartbeatMs: 0 });
    const connected = client.connect();
    sockets[0]!.open();
    await connected;
    sockets[0]!.drop();
    client.close();
    await vi.advanceTimersByTimeAsync(5000);
    expect(sockets).toHaveLength(1);
    expect(states.at(-1)).toBe('closed');
  });
});
