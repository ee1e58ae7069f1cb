import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { describeError, type Logger } from '../lib/logger.js';
import { TypedEmitter } from '../lib/typed-emitter.js';
import { JanusClosedError, JanusError, JanusTimeoutError } from './errors.js';
import {
  finalReplyKinds,
  janusMessageSchema,
  pluginErrorOf,
  type JanusMessage,
  type JanusRequest,
} from './janus-types.js';

export interface JanusChannelOptions {
  /** ws:// URL of the Janus WebSocket transport (loopback or private network only). */
  url: string;
  /** Janus `api_secret`; added to every request as `apisecret`. */
  apiSecret?: string | undefined;
  logger: Logger;
  /** Default time a request may wait for its reply. */
  requestTimeoutMs?: number;
  /** Time the WebSocket handshake may take. */
  connectTimeoutMs?: number;
}

export interface RequestOptions {
  timeoutMs?: number;
  /**
   * Plugin messages are answered in two stages: Janus acks at once, the plugin answers later with an `event`
   * carrying the same transaction. With `awaitEvent` the ack is skipped and the promise settles with the
   * plugin's final reply (`event`, or `success` for synchronous plugin requests).
   */
  awaitEvent?: boolean;
}

/** Receives the Janus messages of one session or handle that are not replies to a pending request. */
export type JanusMessageListener = (message: JanusMessage) => void;

interface Pending {
  verb: string;
  awaitEvent: boolean;
  resolve: (message: JanusMessage) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const SUBPROTOCOL = 'janus-protocol';
/** Largest message we accept from Janus; SDPs with many m-lines stay far below. */
const MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;

/**
 * One WebSocket to one Janus, in the manner of mediasoup's Channel: requests are matched to replies by a random
 * transaction id, each with a timeout; Janus errors become typed errors; once closed, every pending request is
 * rejected and new ones fail at once. Messages not tied to a pending transaction (webrtcup, media, hangup,
 * slowlink, detached, asynchronous plugin events, session timeouts) go to the listener registered for their
 * handle (`sender`) or, lacking one, their session.
 */
export class JanusChannel extends TypedEmitter<{ close: [JanusClosedError] }> {
  private readonly pending = new Map<string, Pending>();
  private readonly sessionListeners = new Map<number, JanusMessageListener>();
  private readonly handleListeners = new Map<number, JanusMessageListener>();
  private readonly log: Logger;
  private isClosed = false;

  /** Opens the WebSocket; rejects with JanusClosedError when Janus cannot be reached. */
  static connect(options: JanusChannelOptions): Promise<JanusChannel> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(options.url, SUBPROTOCOL, {
        handshakeTimeout: options.connectTimeoutMs ?? 5_000,
        perMessageDeflate: false,
        maxPayload: MAX_PAYLOAD_BYTES,
      });
      const fail = (error: unknown) => {
        socket.removeAllListeners();
        socket.on('error', () => undefined);
        socket.terminate();
        reject(new JanusClosedError('Could not connect to Janus', { cause: error }));
      };
      socket.once('error', fail);
      socket.once('close', (code) => fail(new Error(`closed during handshake (${code})`)));
      socket.once('open', () => {
        socket.removeAllListeners();
        if (socket.protocol !== SUBPROTOCOL) {
          fail(new Error('Janus did not accept the janus-protocol subprotocol'));
          return;
        }
        resolve(new JanusChannel(socket, options));
      });
    });
  }

  private constructor(
    private readonly socket: WebSocket,
    private readonly options: JanusChannelOptions,
  ) {
    const log = options.logger.child({ component: 'janus-channel' });
    super((error, event) => log.error({ err: describeError(error), event }, 'janus channel listener failed'));
    this.log = log;
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('close', (code) =>
      this.finish(new JanusClosedError(`The connection to Janus closed (code ${code})`)),
    );
    socket.on('error', (error) => {
      this.log.warn({ err: describeError(error) }, 'janus websocket error');
      socket.terminate();
    });
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Number of requests waiting for their reply (for tests and metrics). */
  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * Sends a Janus API request and resolves with its reply. Rejects with JanusError for `janus: "error"` and
   * for plugin errors (`error_code` in plugindata), JanusTimeoutError after the timeout, JanusClosedError
   * when the channel is or becomes closed.
   */
  request(body: JanusRequest, options: RequestOptions = {}): Promise<JanusMessage> {
    if (this.isClosed) {
      return Promise.reject(new JanusClosedError());
    }
    const transaction = randomBytes(12).toString('base64url');
    const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs ?? 10_000;
    const verb = body.janus;
    const message = {
      ...body,
      transaction,
      ...(this.options.apiSecret ? { apisecret: this.options.apiSecret } : {}),
    };
    return new Promise<JanusMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(transaction);
        reject(new JanusTimeoutError(verb, timeoutMs));
      }, timeoutMs);
      this.pending.set(transaction, {
        verb,
        awaitEvent: options.awaitEvent ?? false,
        resolve,
        reject,
        timer,
      });
      this.socket.send(JSON.stringify(message), (error) => {
        if (error) {
          this.settleWithError(
            transaction,
            new JanusClosedError('Could not send to Janus', { cause: error }),
          );
        }
      });
    });
  }

  /** Routes unsolicited messages of a session (those without a handle) to `listener`. Returns an unsubscribe. */
  onSessionMessage(sessionId: number, listener: JanusMessageListener): () => void {
    return this.subscribe(this.sessionListeners, sessionId, listener);
  }

  /** Routes unsolicited messages of a handle to `listener`. Returns an unsubscribe. */
  onHandleMessage(handleId: number, listener: JanusMessageListener): () => void {
    return this.subscribe(this.handleListeners, handleId, listener);
  }

  /** Closes the socket; pending requests are rejected with JanusClosedError. Idempotent. */
  close(): void {
    if (this.isClosed) {
      return;
    }
    this.finish(new JanusClosedError('The connection to Janus was closed'));
    this.socket.close(1000);
    // A peer that never completes the closing handshake must not keep the socket (and process) alive.
    setTimeout(() => this.socket.terminate(), 1_000).unref();
  }

  private subscribe(map: Map<number, JanusMessageListener>, id: number, listener: JanusMessageListener) {
    if (this.isClosed) {
      return () => undefined;
    }
    map.set(id, listener);
    return () => {
      if (map.get(id) === listener) {
        map.delete(id);
      }
    };
  }

  private onMessage(data: WebSocket.RawData, isBinary: boolean): void {
    if (isBinary) {
      this.log.warn('ignoring binary message from janus');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(rawText(data));
    } catch {
      this.log.warn('ignoring invalid JSON from janus');
      return;
    }
    const parsed = janusMessageSchema.safeParse(json);
    if (!parsed.success) {
      this.log.warn({ issues: parsed.error.issues.length }, 'ignoring malformed message from janus');
      return;
    }
    const message = parsed.data;
    if (message.transaction !== undefined && this.settle(message.transaction, message)) {
      return;
    }
    this.dispatch(message);
  }

  /** Settles the pending request `transaction` with `message`; returns false if `message` is no reply to it. */
  private settle(transaction: string, message: JanusMessage): boolean {
    const pending = this.pending.get(transaction);
    if (!pending) {
      return false;
    }
    if (message.janus === 'ack') {
      if (!pending.awaitEvent) {
        this.complete(transaction, pending).resolve(message);
      }
      return true;
    }
    if (message.janus === 'error') {
      const code = message.error?.code ?? 0;
      this.settleWithError(transaction, new JanusError(code, message.error?.reason ?? 'unknown error'));
      return true;
    }
    if (!finalReplyKinds.has(message.janus)) {
      return false;
    }
    const pluginError = pluginErrorOf(message);
    if (pluginError) {
      this.settleWithError(
        transaction,
        new JanusError(pluginError.code, pluginError.reason, pluginError.plugin),
      );
    } else {
      this.complete(transaction, pending).resolve(message);
    }
    return true;
  }

  private settleWithError(transaction: string, error: Error): void {
    const pending = this.pending.get(transaction);
    if (pending) {
      this.complete(transaction, pending).reject(error);
    }
  }

  private complete(transaction: string, pending: Pending): Pending {
    clearTimeout(pending.timer);
    this.pending.delete(transaction);
    return pending;
  }

  private dispatch(message: JanusMessage): void {
    const listener =
      message.sender !== undefined
        ? this.handleListeners.get(message.sender)
        : message.session_id !== undefined
          ? this.sessionListeners.get(message.session_id)
          : undefined;
    if (!listener) {
      this.log.debug({ janus: message.janus }, 'janus message for no known session or handle');
      return;
    }
    try {
      listener(message);
    } catch (error) {
      this.log.error({ err: describeError(error), janus: message.janus }, 'janus message listener failed');
    }
  }

  private finish(error: JanusClosedError): void {
    if (this.isClosed) {
      return;
    }
    this.isClosed = true;
    for (const [transaction, pending] of [...this.pending]) {
      this.complete(transaction, pending).reject(error);
    }
    this.sessionListeners.clear();
    this.handleListeners.clear();
    this.emit('close', error);
    this.removeAllListeners();
  }
}

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) {
    return Buffer.concat(data).toString('utf8');
  }
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}
