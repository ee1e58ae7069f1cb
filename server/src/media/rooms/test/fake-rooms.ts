import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../../../lib/logger.js';
import { JanusNode } from '../../janus-node.js';
import { RoomsPluginFake, type PluginReply } from './fake-room-plugins.js';

export type FakeRequest = { janus: string; transaction?: string } & Record<string, unknown>;

interface FakeHandle {
  sessionId: number;
  plugin: string;
  socket: WebSocket;
}

const PLUGINS = new Set(['janus.plugin.audiobridge', 'janus.plugin.videoroom']);

/**
 * A fake Janus for the room layer: the real WebSocket API (sessions, handles, acks, events, errors) on
 * 127.0.0.1, with small AudioBridge and VideoRoom simulations (fake-room-plugins.ts) behind it. Records every
 * request; tests push events to handles and cut connections as a crashed Janus would.
 */
export class FakeRoomsJanus {
  readonly requests: FakeRequest[] = [];
  readonly plugins: RoomsPluginFake;
  private readonly sessions = new Map<number, Set<number>>();
  private readonly handles = new Map<number, FakeHandle>();
  private nextId = 5000;

  private constructor(
    private readonly server: WebSocketServer,
    readonly apiSecret: string,
    adminKey: string | undefined,
  ) {
    this.plugins = new RoomsPluginFake(adminKey, (handleId, data, jsep) =>
      this.pushEvent(handleId, data, jsep),
    );
    server.on('connection', (socket) => {
      socket.on('message', (data: Buffer) =>
        this.onRequest(socket, JSON.parse(data.toString('utf8')) as FakeRequest),
      );
    });
  }

  static start(options: { adminKey?: string } = {}): Promise<FakeRoomsJanus> {
    return new Promise((resolve, reject) => {
      const server = new WebSocketServer({
        host: '127.0.0.1',
        port: 0,
        handleProtocols: (protocols) => (protocols.has('janus-protocol') ? 'janus-protocol' : false),
      });
      server.once('error', reject);
      server.once('listening', () =>
        resolve(new FakeRoomsJanus(server, 'fake-rooms-secret-0123', options.adminKey)),
      );
    });
  }

  get url(): string {
    const address = this.server.address();
    if (typeof address !== 'object' || address === null) {
      throw new Error('not listening');
    }
    return `ws://127.0.0.1:${address.port}`;
  }

  /** Plugin request bodies named `request` (e.g. "join"), with the handle and session they came on. */
  bodies(request: string): Array<Record<string, unknown> & { handle_id: number; session_id: number }> {
    return this.requests.flatMap((message) => {
      const body = message.body as Record<string, unknown> | undefined;
      return message.janus === 'message' && body?.request === request
        ? [{ ...body, handle_id: message.handle_id as number, session_id: message.session_id as number }]
        : [];
    });
  }

  requestsOf(verb: string): FakeRequest[] {
    return this.requests.filter((request) => request.janus === verb);
  }

  /** Sends a core message (hangup, webrtcup…) for a handle, as Janus does. */
  pushCore(handleId: number, janus: string, extra: Record<string, unknown> = {}): void {
    const handle = this.handles.get(handleId);
    handle?.socket.send(JSON.stringify({ janus, session_id: handle.sessionId, sender: handleId, ...extra }));
  }

  /** Sends a session-level message (e.g. `timeout`: Janus forgot the session). */
  pushSession(sessionId: number, janus: string): void {
    for (const client of this.server.clients) {
      client.send(JSON.stringify({ janus, session_id: sessionId }));
    }
  }

  pushEvent(handleId: number, data: Record<string, unknown>, jsep?: { type: string; sdp: string }): void {
    const handle = this.handles.get(handleId);
    handle?.socket.send(
      JSON.stringify({
        janus: 'event',
        session_id: handle.sessionId,
        sender: handleId,
        plugindata: { plugin: handle.plugin, data },
        ...(jsep ? { jsep } : {}),
      }),
    );
  }

  /** Cuts every connection without a closing handshake, as a crashed Janus would. */
  dropConnections(): void {
    for (const client of this.server.clients) {
      client.terminate();
    }
  }

  close(): Promise<void> {
    this.dropConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private onRequest(socket: WebSocket, request: FakeRequest): void {
    this.requests.push(request);
    const send = (message: Record<string, unknown>) =>
      socket.send(JSON.stringify({ transaction: request.transaction, ...message }));
    const sessionId = typeof request.session_id === 'number' ? request.session_id : undefined;
    const handleId = typeof request.handle_id === 'number' ? request.handle_id : undefined;
    const error = (code: number, reason: string) => send({ janus: 'error', error: { code, reason } });
    if (request.janus === 'ping') {
      send({ janus: 'pong' });
      return;
    }
    if (request.apisecret !== this.apiSecret) {
      error(403, 'Unauthorized request (wrong or missing secret/token)');
      return;
    }
    if (request.janus === 'create') {
      const id = this.nextId++;
      this.sessions.set(id, new Set());
      send({ janus: 'success', data: { id } });
      return;
    }
    const handles = sessionId !== undefined ? this.sessions.get(sessionId) : undefined;
    if (sessionId === undefined || !handles) {
      error(458, `No such session ${sessionId}`);
      return;
    }
    if (handleId !== undefined && !handles.has(handleId)) {
      error(459, `No such handle ${handleId}`);
      return;
    }
    switch (request.janus) {
      case 'keepalive':
      case 'trickle':
        send({ janus: 'ack', session_id: sessionId });
        return;
      case 'attach': {
        if (typeof request.plugin !== 'string' || !PLUGINS.has(request.plugin)) {
          error(460, 'No such plugin');
          return;
        }
        const id = this.nextId++;
        handles.add(id);
        this.handles.set(id, { sessionId, plugin: request.plugin, socket });
        send({ janus: 'success', session_id: sessionId, data: { id } });
        return;
      }
      case 'destroy':
        for (const id of handles) {
          this.forget(id);
        }
        this.sessions.delete(sessionId);
        send({ janus: 'success', session_id: sessionId });
        return;
      case 'message':
        this.onMessage(send, sessionId, handleId, request);
        return;
      default:
        error(453, `Unknown request '${request.janus}'`);
    }
  }

  private onMessage(
    send: (message: Record<string, unknown>) => void,
    sessionId: number,
    handleId: number | undefined,
    request: FakeRequest,
  ): void {
    const handle = handleId !== undefined ? this.handles.get(handleId) : undefined;
    if (!handle || handleId === undefined) {
      send({ janus: 'error', error: { code: 457, reason: 'Unhandled request at this path' } });
      return;
    }
    const reply: PluginReply = this.plugins.handle(
      handle.plugin,
      handleId,
      request.body as Record<string, unknown>,
      request.jsep as { type: string; sdp: string } | undefined,
    );
    const base = { session_id: sessionId, sender: handleId };
    const plugindata = { plugin: handle.plugin, data: reply.data };
    if (reply.sync) {
      send({ janus: 'success', ...base, plugindata });
      reply.after?.();
      return;
    }
    send({ janus: 'ack', session_id: sessionId });
    setTimeout(() => {
      send({ janus: 'event', ...base, plugindata, ...(reply.jsep ? { jsep: reply.jsep } : {}) });
      reply.after?.();
    }, 2);
  }

  /** A handle whose session is destroyed leaves its room, as in Janus. */
  private forget(handleId: number): void {
    this.plugins.leave(handleId);
    this.handles.delete(handleId);
  }
}

/** A FakeRoomsJanus with a JanusNode connected to it (the node's `adminKey` is the fake's). */
export async function startFakeRoomsNode(options: {
  logger: Logger;
  adminKey?: string;
}): Promise<{ janus: FakeRoomsJanus; node: JanusNode; close: () => Promise<void> }> {
  const janus = await FakeRoomsJanus.start(
    options.adminKey !== undefined ? { adminKey: options.adminKey } : {},
  );
  const node = new JanusNode({
    name: 'fake',
    url: janus.url,
    apiSecret: janus.apiSecret,
    adminKey: options.adminKey,
    logger: options.logger,
  });
  node.start();
  if (!(await node.waitUntilUp(2_000))) {
    throw new Error('the fake Janus did not come up');
  }
  return {
    janus,
    node,
    close: async () => {
      await node.close();
      await janus.close();
    },
  };
}
