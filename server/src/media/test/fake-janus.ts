import { WebSocketServer, type WebSocket } from 'ws';

/** What a request to the fake looks like once parsed. */
export type FakeRequest = { janus: string; transaction?: string } & Record<string, unknown>;

/** How the fake's plugin answers a `message`: an event (or plugin error), or nothing at all. */
export type PluginBehaviour = (
  body: Record<string, unknown>,
  jsep: { type: string; sdp: string } | undefined,
) => { data: Record<string, unknown>; jsep?: { type: string; sdp: string } } | 'silent';

/** Answers like janus.plugin.echotest: an answer for an offer, `error_code` for `{ fail: true }`. */
export const echoLikePlugin: PluginBehaviour = (body, jsep) => {
  if (body.silent === true) {
    return 'silent';
  }
  if (body.fail === true) {
    return { data: { echotest: 'event', error_code: 413, error: 'Invalid element type' } };
  }
  return {
    data: { echotest: 'event', result: 'ok' },
    ...(jsep ? { jsep: { type: 'answer', sdp: `v=0\r\ns=answer-to-${jsep.sdp.length}\r\n` } } : {}),
  };
};

/**
 * A fake Janus speaking the real WebSocket API (subprotocol janus-protocol) on 127.0.0.1: create, attach,
 * message (ack, then an asynchronous event with the same transaction), trickle, hangup, detach, destroy,
 * keepalive, info, ping, api_secret checks, Janus's error shape. Tests can make it silent, push unsolicited
 * events and drop connections mid-request. It never sends anything but loopback traffic.
 */
export class FakeJanus {
  readonly requests: FakeRequest[] = [];
  /** When true, requests are recorded but never answered (for timeout tests). */
  silent = false;
  /** When true, the event of a plugin message is sent before Janus's ack (a race Janus allows). */
  eventBeforeAck = false;
  plugin: PluginBehaviour = echoLikePlugin;
  private readonly sessions = new Map<number, Set<number>>();
  private nextId = 1000;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly server: WebSocketServer,
    readonly apiSecret: string,
  ) {
    server.on('connection', (socket) => {
      socket.on('message', (data: Buffer) =>
        this.onRequest(socket, JSON.parse(data.toString('utf8')) as FakeRequest),
      );
    });
  }

  static start(apiSecret = 'fake-secret-0123456789'): Promise<FakeJanus> {
    return new Promise((resolve, reject) => {
      const server = new WebSocketServer({
        host: '127.0.0.1',
        port: 0,
        handleProtocols: (protocols) => (protocols.has('janus-protocol') ? 'janus-protocol' : false),
      });
      server.once('error', reject);
      server.once('listening', () => resolve(new FakeJanus(server, apiSecret)));
    });
  }

  get url(): string {
    const address = this.server.address();
    if (typeof address !== 'object' || address === null) {
      throw new Error('not listening');
    }
    return `ws://127.0.0.1:${address.port}`;
  }

  get connectionCount(): number {
    return this.server.clients.size;
  }

  requestsOf(verb: string): FakeRequest[] {
    return this.requests.filter((request) => request.janus === verb);
  }

  /** Sends an unsolicited message to every connected client. */
  push(message: Record<string, unknown>): void {
    for (const client of this.server.clients) {
      client.send(JSON.stringify(message));
    }
  }

  /** Sends raw text (for malformed-input tests). */
  pushRaw(text: string): void {
    for (const client of this.server.clients) {
      client.send(text);
    }
  }

  /** Cuts every connection without a closing handshake, as a crashed Janus would. */
  dropConnections(): void {
    for (const client of this.server.clients) {
      client.terminate();
    }
  }

  close(): Promise<void> {
    this.dropConnections();
    this.closing ??= new Promise((resolve) => this.server.close(() => resolve()));
    return this.closing;
  }

  private onRequest(socket: WebSocket, request: FakeRequest): void {
    this.requests.push(request);
    if (this.silent) {
      return;
    }
    const send = (message: Record<string, unknown>) => socket.send(JSON.stringify(message));
    const transaction = request.transaction;
    const sessionId = typeof request.session_id === 'number' ? request.session_id : undefined;
    const handleId = typeof request.handle_id === 'number' ? request.handle_id : undefined;
    const error = (code: number, reason: string) =>
      send({
        janus: 'error',
        transaction,
        ...(sessionId ? { session_id: sessionId } : {}),
        error: { code, reason },
      });

    if (request.janus === 'info') {
      send({ janus: 'server_info', transaction, name: 'Fake Janus', version: 1102 });
      return;
    }
    if (request.janus === 'ping') {
      send({ janus: 'pong', transaction });
      return;
    }
    if (request.apisecret !== this.apiSecret) {
      error(403, 'Unauthorized request (wrong or missing secret/token)');
      return;
    }
    if (request.janus === 'create') {
      const id = this.nextId++;
      this.sessions.set(id, new Set());
      send({ janus: 'success', transaction, data: { id } });
      return;
    }
    const handles = sessionId !== undefined ? this.sessions.get(sessionId) : undefined;
    if (!handles) {
      error(458, `No such session ${sessionId}`);
      return;
    }
    if (handleId !== undefined && !handles.has(handleId)) {
      error(459, `No such handle ${handleId} in session ${sessionId}`);
      return;
    }
    switch (request.janus) {
      case 'keepalive':
        send({ janus: 'ack', session_id: sessionId, transaction });
        return;
      case 'destroy':
        this.sessions.delete(sessionId!);
        send({ janus: 'success', session_id: sessionId, transaction });
        return;
      case 'attach': {
        if (request.plugin !== 'janus.plugin.echotest') {
          error(460, `No such plugin '${String(request.plugin)}'`);
          return;
        }
        const id = this.nextId++;
        handles.add(id);
        send({ janus: 'success', session_id: sessionId, transaction, data: { id } });
        return;
      }
      case 'detach':
        handles.delete(handleId!);
        send({ janus: 'success', session_id: sessionId, transaction });
        send({ janus: 'detached', session_id: sessionId, sender: handleId });
        return;
      case 'trickle':
        send({ janus: 'ack', session_id: sessionId, transaction });
        return;
      case 'hangup':
        send({ janus: 'success', session_id: sessionId, transaction });
        send({ janus: 'hangup', session_id: sessionId, sender: handleId, reason: 'Janus API' });
        return;
      case 'message': {
        const ack = () => send({ janus: 'ack', session_id: sessionId, transaction });
        const result = this.plugin(
          request.body as Record<string, unknown>,
          request.jsep as { type: string; sdp: string } | undefined,
        );
        const event = () => {
          if (result !== 'silent') {
            send({
              janus: 'event',
              session_id: sessionId,
              sender: handleId,
              transaction,
              plugindata: { plugin: 'janus.plugin.echotest', data: result.data },
              ...(result.jsep ? { jsep: result.jsep } : {}),
            });
          }
        };
        if (this.eventBeforeAck) {
          event();
          ack();
        } else {
          ack();
          setTimeout(event, 5);
        }
        return;
      }
      default:
        error(453, `Unknown request '${request.janus}'`);
    }
  }
}
