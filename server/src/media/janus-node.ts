import { describeError, type Logger } from '../lib/logger.js';
import { TypedEmitter } from '../lib/typed-emitter.js';
import { JanusError, MediaUnavailableError } from './errors.js';
import { JanusChannel } from './janus-channel.js';
import { JanusSession } from './janus-session.js';

export type NodeStatus = 'up' | 'down';

export interface JanusNodeOptions {
  /** Name shown in /healthz and logs; never the URL (no addresses in public output). */
  name: string;
  /** ws:// URL of the node's WebSocket transport. */
  url: string;
  apiSecret: string;
  logger: Logger;
  /** `admin_key` of the room plugins, when we know it (embedded mode). */
  adminKey?: string | undefined;
  /** How often the node is pinged to detect a hung Janus (default 5 s). */
  pingIntervalMs?: number;
  /** A ping unanswered this long marks the node down (default 3 s). */
  pingTimeoutMs?: number;
  /** Reconnect backoff: first delay and cap (default 250 ms → 5 s). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** Default timeout of requests on this node's channel. */
  requestTimeoutMs?: number;
}

/**
 * One Janus server we talk to. Owns the channel and reconnects it with backoff; detects death fast (socket
 * close at once, an unanswered ping within ~8 s). Emits `up` after each (re)connection and `down` when lost,
 * so that room logic can rebuild its rooms: Janus keeps everything in memory, and sessions die with the channel.
 */
export class JanusNode extends TypedEmitter<{ up: []; down: [error: Error | undefined] }> {
  readonly name: string;
  readonly adminKey: string | undefined;
  private channel: JanusChannel | undefined;
  private currentStatus: NodeStatus = 'down';
  private error: Error | undefined;
  private started = false;
  private closed = false;
  private connecting = false;
  private attempts = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private readonly log: Logger;

  constructor(private readonly options: JanusNodeOptions) {
    const log = options.logger.child({ component: 'janus-node', node: options.name });
    super((error, event) => log.error({ err: describeError(error), event }, 'janus node listener failed'));
    this.log = log;
    this.name = options.name;
    this.adminKey = options.adminKey;
  }

  status(): NodeStatus {
    return this.currentStatus;
  }

  /** Why the node last failed (connect error, ping timeout, socket close), for operators. */
  get lastError(): Error | undefined {
    return this.error;
  }

  /** Starts connecting (and keeps doing so until `close()`). Idempotent. */
  start(): void {
    if (this.started || this.closed) {
      return;
    }
    this.started = true;
    void this.connect();
  }

  /** Resolves true once the node is up, false after `timeoutMs`. */
  waitUntilUp(timeoutMs: number): Promise<boolean> {
    if (this.currentStatus === 'up') {
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        off();
        resolve(false);
      }, timeoutMs);
      const off = this.once('up', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** Skips the backoff wait, e.g. when the supervisor reports that the embedded Janus is back. */
  reconnectNow(): void {
    if (this.closed || !this.started || this.currentStatus === 'up' || this.connecting) {
      return;
    }
    clearTimeout(this.reconnectTimer);
    this.attempts = 0;
    void this.connect();
  }

  /** Creates a Janus session on this node; throws MediaUnavailableError while the node is down. */
  async createSession(): Promise<JanusSession> {
    const channel = this.channel;
    if (this.currentStatus !== 'up' || !channel || channel.closed) {
      throw new MediaUnavailableError(`Janus node ${this.name} is down`);
    }
    return JanusSession.create(channel, { logger: this.options.logger });
  }

  /** Stops reconnecting and closes the channel (and with it every session on it). Idempotent. */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      clearTimeout(this.reconnectTimer);
      clearInterval(this.pingTimer);
      // Shutting down on purpose is no outage: listeners must not start rebuilding rooms.
      this.removeAllListeners();
      this.currentStatus = 'down';
      this.channel?.close();
      this.channel = undefined;
    }
    return Promise.resolve();
  }

  private async connect(): Promise<void> {
    this.connecting = true;
    let channel: JanusChannel | undefined;
    try {
      channel = await JanusChannel.connect({
        url: this.options.url,
        apiSecret: this.options.apiSecret,
        logger: this.options.logger,
        ...(this.options.requestTimeoutMs !== undefined
          ? { requestTimeoutMs: this.options.requestTimeoutMs }
          : {}),
      });
      await this.checkSecret(channel);
    } catch (error) {
      channel?.close();
      this.connecting = false;
      this.fail(error);
      return;
    }
    this.connecting = false;
    if (this.closed) {
      channel.close();
      return;
    }
    this.channel = channel;
    channel.on('close', (reason) => this.onChannelClosed(channel, reason));
    this.attempts = 0;
    this.error = undefined;
    this.currentStatus = 'up';
    this.pingTimer = setInterval(() => void this.ping(channel), this.options.pingIntervalMs ?? 5_000);
    this.pingTimer.unref();
    this.log.info('janus node up');
    this.emit('up');
  }

  /**
   * `info` and `ping` need no secret, so a wrong JANUS_API_SECRET would only show on the first meeting.
   * Creating and destroying a session proves the secret at every (re)connection.
   */
  private async checkSecret(channel: JanusChannel): Promise<void> {
    const timeoutMs = this.options.pingTimeoutMs ?? 3_000;
    const reply = await channel.request({ janus: 'create' }, { timeoutMs });
    const sessionId = reply.data?.id;
    if (sessionId !== undefined) {
      await channel.request({ janus: 'destroy', session_id: sessionId }, { timeoutMs });
    }
  }

  private async ping(channel: JanusChannel): Promise<void> {
    if (channel !== this.channel || channel.closed) {
      return;
    }
    try {
      await channel.request({ janus: 'ping' }, { timeoutMs: this.options.pingTimeoutMs ?? 3_000 });
    } catch (error) {
      if (channel === this.channel) {
        this.error = error instanceof Error ? error : new Error(String(error));
        this.log.warn({ err: describeError(error) }, 'janus node did not answer a ping');
        // Closing rejects everything pending on the channel and runs onChannelClosed.
        channel.close();
      }
    }
  }

  private onChannelClosed(channel: JanusChannel, reason: Error): void {
    if (channel !== this.channel) {
      return;
    }
    this.channel = undefined;
    clearInterval(this.pingTimer);
    this.error ??= reason;
    const wasUp = this.currentStatus === 'up';
    this.currentStatus = 'down';
    if (wasUp) {
      this.log.warn({ err: describeError(this.error) }, 'janus node down');
      this.emit('down', this.error);
    }
    this.scheduleReconnect();
  }

  private fail(error: unknown): void {
    this.error = error instanceof Error ? error : new Error(String(error));
    if (error instanceof JanusError && error.code === 403) {
      this.log.error('janus node rejected the api secret: check JANUS_API_SECRET');
    } else if (this.attempts === 0) {
      this.log.warn({ err: describeError(error) }, 'janus node unreachable; retrying');
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed) {
      return;
    }
    const min = this.options.reconnectMinMs ?? 250;
    const delay = Math.min(this.options.reconnectMaxMs ?? 5_000, min * 2 ** this.attempts);
    this.attempts = Math.min(this.attempts + 1, 30);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
    this.reconnectTimer.unref();
  }
}
