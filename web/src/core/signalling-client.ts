import type { ClientMessage, ServerMessage } from '@treffpunkt/protocol';
import { Emitter } from './emitter';
import { backoffDelay } from './reconnect-fns';
import { parseServerMessage } from './signalling-fns';
import {
  SignallingError,
  type SignallingClientOptions,
  type SignallingEvents,
  type SignallingState,
} from './signalling-types';

export {
  SignallingError,
  type SignallingClientOptions,
  type SignallingEvents,
  type SignallingFailure,
  type SignallingState,
} from './signalling-types';

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
 * every pending request rejected when the socket closes. `close()` is idempotent. With `reconnect`, a lost socket is
 * replaced by a new one (state `reconnecting`, then `open` again); the owner then re-announces itself (`room.join`
 * with its resume token).
 */
export class SignallingClient {
  private socket: WebSocket | undefined;
  /** Removes the current socket's listeners: a socket given up on must not report anything any more. */
  private detach: AbortController | undefined;
  private readonly pending = new Map<string, Pending>();
  private readonly events = new Emitter<SignallingEvents>();
  private state: SignallingState = 'idle';
  private counter = 0;
  private readonly timeoutMs: number;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private awaitingPong = false;

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

  /** Opens the socket; resolves once it is open. A failed first connection is not retried. */
  connect(): Promise<void> {
    if (this.state !== 'idle') {
      return Promise.reject(new SignallingError('closed', 'This connection was already used.'));
    }
    this.setState('connecting');
    return this.openSocket();
  }

  /** While `reconnecting`: try at once instead of waiting for the next attempt (e.g. the browser is back online). */
  reconnectNow(): void {
    if (this.state === 'reconnecting' && this.retryTimer !== undefined) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
      this.attemptReconnect();
    }
  }

  /** Gives up on the current socket as if the network had dropped it; reconnects when `reconnect` is set. */
  drop(): void {
    if (this.state === 'open') {
      this.lost();
    }
  }

  private openSocket(): Promise<void> {
    return new Promise((resolve, reject) => {
      let socket: WebSocket;
      try {
        socket = (this.options.createSocket ?? ((url) => new WebSocket(url)))(this.options.url);
      } catch {
        this.afterFailedOpen();
        reject(new SignallingError('connect_failed', 'The connection could not be opened.'));
        return;
      }
      const detach = new AbortController();
      this.socket = socket;
      this.detach = detach;
      const signal = detach.signal;
      const timer = setTimeout(() => {
        reject(new SignallingError('timeout', 'The server did not answer in time.'));
        this.abandonSocket();
        this.afterFailedOpen();
      }, this.timeoutMs);
      signal.addEventListener('abort', () => clearTimeout(timer));
      socket.addEventListener(
        'open',
        () => {
          clearTimeout(timer);
          this.attempts = 0;
          this.setState('open');
          this.startHeartbeat();
          resolve();
        },
        { signal },
      );
      socket.addEventListener('message', (event: MessageEvent<unknown>) => this.receive(event.data), {
        signal,
      });
      socket.addEventListener(
        'close',
        () => {
          clearTimeout(timer);
          if (this.state === 'open') {
            this.lost();
          } else {
            this.abandonSocket();
            reject(new SignallingError('connect_failed', 'The server could not be reached.'));
            this.afterFailedOpen();
          }
        },
        { signal },
      );
    });
  }

  /** An open socket is gone: reject what waited on it, then reconnect or close for good. */
  private lost(): void {
    this.abandonSocket();
    this.rejectPending();
    if (this.options.reconnect) {
      this.setState('reconnecting');
      this.scheduleReconnect();
    } else {
      this.shutDown();
    }
  }

  /** A socket did not open: during `connecting` that ends it; during `reconnecting` the next attempt follows. */
  private afterFailedOpen(): void {
    if (this.state === 'reconnecting') {
      this.attempts += 1;
      this.scheduleReconnect();
    } else if (this.state === 'connecting') {
      this.shutDown();
    }
  }

  private scheduleReconnect(): void {
    const maxAttempts = this.options.reconnect?.maxAttempts ?? 12;
    if (this.attempts >= maxAttempts) {
      this.shutDown();
      return;
    }
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = undefined;
        this.attemptReconnect();
      },
      backoffDelay(this.attempts, this.options.reconnect),
    );
  }

  private attemptReconnect(): void {
    if (this.state === 'reconnecting') {
      // A failure is handled inside (next attempt or closed); nobody awaits this promise.
      this.openSocket().catch(() => undefined);
    }
  }

  private startHeartbeat(): void {
    const every = this.options.heartbeatMs ?? 10_000;
    clearInterval(this.heartbeatTimer);
    this.awaitingPong = false;
    if (!this.options.reconnect || every <= 0) {
      return;
    }
    this.heartbeatTimer = setInterval(() => {
      if (this.awaitingPong) {
        this.drop();
        return;
      }
      try {
        this.awaitingPong = true;
        this.send({ type: 'ping' });
      } catch {
        this.drop();
      }
    }, every);
  }

  /** Stops listening to the current socket and closes it without waiting for its close handshake. */
  private abandonSocket(): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    this.detach?.abort();
    this.detach = undefined;
    const socket = this.socket;
    this.socket = undefined;
    if (socket && (socket.readyState === socket.CONNECTING || socket.readyState === socket.OPEN)) {
      try {
        socket.close(1000);
      } catch {
        // Already closing.
      }
    }
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
    this.shutDown();
  }

  private receive(data: unknown): void {
    const message = parseServerMessage(data);
    if (!message) {
      return;
    }
    if (message.type === 'pong') {
      this.awaitingPong = false;
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
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.abandonSocket();
    this.setState('closed');
    this.rejectPending();
    this.events.clear();
  }

  private rejectPending(): void {
    for (const [id, waiting] of [...this.pending]) {
      this.settle(id);
      waiting.reject(new SignallingError('closed', 'The connection was closed.'));
    }
  }

  private setState(state: SignallingState): void {
    this.state = state;
    this.events.emit('state', state);
  }
}
