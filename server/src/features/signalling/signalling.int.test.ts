import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../../http/app.js';
import { createLogger } from '../../lib/logger.js';
import { pingHandlers } from './ping-handlers.js';
import { signallingRoutes } from './signalling-routes.js';

describe('signalling WebSocket', () => {
  let app: FastifyInstance;
  let url: string;
  let origin: string;
  const validSessions = new Set<string>();

  beforeAll(async () => {
    app = await buildApp({
      logger: createLogger('silent'),
      trustProxy: false,
      secureCookies: false,
      webRoot: undefined,
      features: [
        signallingRoutes({
          baseUrl: undefined,
          handlers: pingHandlers(),
          limits: { burst: 5, perSecond: 1, heartbeatIntervalMs: 200 },
          authenticate: async (request) =>
            validSessions.has(request.cookies.tp_session ?? '')
              ? { userId: 'user-host', displayName: 'Hanna' }
              : undefined,
        }),
      ],
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    url = `${address.replace('http', 'ws')}/api/signal`;
    origin = address;
  });
  afterAll(() => app.close());

  function open(headers: Record<string, string> = { origin }) {
    const socket = new WebSocket(url, { headers });
    const received: unknown[] = [];
    socket.on('message', (data) => received.push(JSON.parse((data as Buffer).toString()) as unknown));
    return {
      socket,
      received,
      opened: new Promise<void>((resolve, reject) => socket.once('open', resolve).once('error', reject)),
    };
  }

  async function until(predicate: () => boolean) {
    for (let i = 0; i < 100 && !predicate(); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('refuses an upgrade from another origin, or without one', async () => {
    await expect(open({ origin: 'http://evil.example' }).opened).rejects.toThrow(/403/);
    await expect(open({}).opened).rejects.toThrow(/403/);
  });

  it('answers ping and reports invalid, unknown and oversized messages as errors without closing', async () => {
    const { socket, received, opened } = open();
    await opened;
    socket.send(JSON.stringify({ type: 'ping', id: 'p1' }));
    socket.send('{not json');
    socket.send(JSON.stringify({ type: 'meeting.destroy', id: 'x1' }));
    socket.send(JSON.stringify({ type: 'echo.start', id: 'e1', offer: { type: 'answer', sdp: 'v=0' } }));
    await until(() => received.length >= 4);
    expect(received).toEqual([
      { type: 'pong', id: 'p1' },
      expect.objectContaining({ type: 'error', error: 'invalid_message' }),
      expect.objectContaining({ type: 'error', error: 'unknown_type', id: 'x1' }),
      expect.objectContaining({ type: 'error', error: 'invalid_message', id: 'e1' }),
    ]);
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
  });

  it('tells a client that floods it to slow down', async () => {
    const { socket, received, opened } = open();
    await opened;
    for (let i = 0; i < 10; i++) {
      socket.send(JSON.stringify({ type: 'ping', id: `p${i}` }));
    }
    await until(() => received.length >= 10);
    const errors = received.filter((message) => (message as { error?: string }).error === 'rate_limited');
    expect(received.filter((message) => (message as { type: string }).type === 'pong')).toHaveLength(5);
    expect(errors).toHaveLength(5);
    socket.close();
  });

  it('closes a connection that sends more than the size limit', async () => {
    const { socket, opened } = open();
    await opened;
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.send(JSON.stringify({ type: 'ping', id: 'big', pad: 'x'.repeat(70 * 1024) }));
    expect(await closed).toBe(1009);
  });

  it('closes a connection whose peer stopped answering pings (a phone that lost its network)', async () => {
    const socket = new WebSocket(url, { headers: { origin }, autoPong: false });
    await new Promise<void>((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const started = Date.now();
    const code = await new Promise<number>((resolve) => socket.once('close', resolve));
    expect(code).toBe(1006);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('closes a logged-in connection once its session has ended (logout, deactivation)', async () => {
    validSessions.add('session-a');
    const { socket, received, opened } = open({ origin, cookie: 'tp_session=session-a' });
    await opened;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(socket.readyState).toBe(WebSocket.OPEN);
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    validSessions.delete('session-a');
    expect(await closed).toBe(4401);
    expect(received).toContainEqual(expect.objectContaining({ type: 'error', error: 'forbidden' }));
  });

  it('keeps a connection that answers pings open', async () => {
    const { socket, opened } = open();
    await opened;
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
  });
});
