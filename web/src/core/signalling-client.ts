import type { ClientMessage, ServerMessage, SignallingErrorCode } from '@treffpunkt/protocol';
import { Emitter } from './emitter';
import { parseServerMessage } from './signalling-fns';

export type SignallingState = 'idle' | 'connecting' | 'open' | 'closed';

/** Why a request or the connection failed: a server error code, or one of the client's own. */
export type SignallingFailure = SignallingErrorCode | 'connect_failed' | 'timeout' | 'closed';

export class SignallingError extends Error {
  override readonly name = 'SignallingError';
  constructor(
    readonly code: SignallingFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface SignallingEvents extends Record<string, unknown> {
  /** Every valid message from the server, including replies to requests. */
  message: ServerMessage;
  state: SignallingState;
}

export interface SignallingClientOptions {
  /** `ws(s)://host/api/signal`; see `signallingUrl()`. */
  url: string;
  /** How long `connect()` and `request()` wait before failing with `timeout`. Default 15 s. */
  timeoutMs?: number;
  /** Creates the socket; tests pass a fake. Default: the browser's WebSocket. */
  createSocket?: (url: string) => WebSocket;
}

type ReplyType = Exclude<ServerMessage['type'], 'error'>;
type Reply<T extends ReplyType> = Extract<ServerMessage, { type: T }>;

interface Pending {
  expect: ReplyType;
  resolve: (message: ServerMessage) => void;
  reject: (error: SignallingError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The browser's one signalling WebSocket: typed events, requests matched to replies by `id` with a timeout, and
 * every pending request rejected when the socket closes. `close()` is idempotent. (Reconnecting comes with meetings.)
 */
export class SignallingClient {
  private socket: WebSocket | undefined;
  private readonly pending = new Map<string, Pending>();
  private readonly events = new Emitter<SignallingEvents>();
  private state: SignallingState = 'idle';
  private counter = 0;
  private readonly timeoutMs: number;

  constructor(private readonly options: SignallingClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  get currentState(): SignallingState {
    return this.state;
  }

  on<Name extends keyof SignallingEvents>(
    name: Name,
    listener: (payload: SignallingEvents[Name]) => void,
  ): () => void {
    return this.events.on(name, listener);
  }

  /** Opens the socket; resolves once it is open. */
  connect(): Promise<void> {
    if (this.state !== 'idle') {
      return Promise.reject(new SignallingError('closed', 'This connection was already used.'));
    }
    this.setState('connecting');
    return new Promise((resolve, reject) => {
      let socket: WebSocket;
      try {
        socket = (this.options.createSocket ?? ((url) => new WebSocket(url)))(this.options.url);
      } catch {
        this.setState('closed');
        reject(new SignallingError('connect_failed', 'The connection could not be opened.'));
        return;
      }
      this.socket = socket;
      const timer = setTimeout(() => {
        reject(new SignallingError('timeout', 'The server did not answer in time.'));
        this.close();
      }, this.timeoutMs);
      socket.addEventListener('open', () => {
        clearTimeout(timer);
        if (this.state === 'connecting') {
          this.setState('open');
          resolve();
        }
      });
      socket.addEventListener('message', (event: MessageEvent<unknown>) => this.receive(event.data));
      socket.addEventListener('close', () => {
        clearTimeout(timer);
        if (this.state === 'connecting') {
          reject(new SignallingError('connect_failed', 'The server could not be reached.'));
        }
        this.shutDown();
      });
    });
  }

  /** A fresh id for a request on this connection. */
  nextId(): string {
    this.counter += 1;
    return `c${this.counter}`;
  }

  /** Sends a message without waiting for a reply. Throws when the socket is not open. */
  send(message: ClientMessage): void {
    if (this.state !== 'open' || !this.socket) {
      throw new SignallingError('closed', 'The connection is not open.');
    }
    this.socket.send(JSON.stringify(message));
  }

  /**
   * Sends a message with an `id` and waits for the reply of type `expect` carrying the same id. An `error` with that
   * id rejects with its code.
   */
  request<T extends ReplyType>(message: ClientMessage & { id: string }, expect: T): Promise<Reply<T>> {
    return new Promise<Reply<T>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(message.id);
        reject(new SignallingError('timeout', 'The server did not answer in time.'));
      }, this.timeoutMs);
      this.pending.set(message.id, {
        expect,
        resolve: (reply) => resolve(reply as Reply<T>),
        reject,
        timer,
      });
      try {
        this.send(message);
      } catch (error) {
        clearTimeout(timer);
        this.pending.delete(message.id);
        reject(error instanceof SignallingError ? error : new SignallingError('closed', 'Sending failed.'));
      }
    });
  }

  /** Closes the socket and rejects every pending request. Safe to call repeatedly. */
  close(): void {
    if (this.state === 'closed') {
      return;
    }
    const socket = this.socket;
    this.shutDown();
    if (socket && (socket.readyState === socket.CONNECTING || socket.readyState === socket.OPEN)) {
      socket.close(1000);
    }
  }

  private receive(data: unknown): void {
    const message = parseServerMessage(data);
    if (!message) {
      return;
    }
    const id = 'id' in message ? message.id : undefined;
    const waiting = id === undefined ? undefined : this.pending.get(id);
    if (id !== undefined && waiting) {
      if (message.type === 'error') {
        this.settle(id);
        waiting.reject(new SignallingError(message.error, message.message));
      } else if (message.type === waiting.expect) {
        this.settle(id);
        waiting.resolve(message);
      }
    }
    this.events.emit('message', message);
  }

  private settle(id: string): void {
    const waiting = this.pending.get(id);
    if (waiting) {
      clearTimeout(waiting.timer);
      this.pending.delete(id);
    }
  }

  private shutDown(): void {
    if (this.state === 'closed') {
      return;
    }
    this.setState('closed');
    for (const [id, waiting] of [...this.pending]) {
      this.settle(id);
      waiting.reject(new SignallingError('closed', 'The connection was closed.'));
    }
    this.events.clear();
  }

  private setState(state: SignallingState): void {
    this.state = state;
    this.events.emit('state', state);
  }
}
