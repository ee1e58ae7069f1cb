import { describeError, type Logger } from '../lib/logger.js';
import { TypedEmitter } from '../lib/typed-emitter.js';
import { JanusClosedError, JanusError } from './errors.js';
import type { JanusChannel } from './janus-channel.js';
import type { JanusCandidate, JanusMessage, Jsep } from './janus-types.js';

/** Janus destroys a session after 60 s without a request; 25 s leaves room for one lost keepalive. */
const KEEPALIVE_MS = 25_000;
/** Cleanup requests (detach, destroy) must not hold up shutdown when Janus is slow or gone. */
const CLEANUP_TIMEOUT_MS = 3_000;
const SESSION_NOT_FOUND = 458;
const HANDLE_NOT_FOUND = 459;

/** A plugin's asynchronous notification (or final reply) with the SDP it carries, if any. */
export interface PluginEvent {
  plugin: string;
  data: Record<string, unknown>;
  jsep: Jsep | undefined;
}

export type HandleEvents = {
  /** A plugin event that was not the reply to one of our requests. */
  event: [PluginEvent];
  /** ICE and DTLS are up: media can flow. */
  webrtcup: [];
  /** Janus started or stopped receiving a medium (`mid` names the stream). */
  media: [{ type: string; receiving: boolean; mid: string | undefined }];
  /** The PeerConnection is gone (DTLS alert, ICE failed, hangup request…). The handle stays attached. */
  hangup: [reason: string];
  /** Janus sees many NACKs/losses on this PeerConnection. */
  slowlink: [
    { uplink: boolean; lost: number | undefined; mid: string | undefined; media: string | undefined },
  ];
  /** The handle is detached, its session destroyed or the connection to Janus lost. Emitted once. */
  closed: [];
};

export interface SessionOptions {
  logger: Logger;
  keepaliveMs?: number;
}

const optionalString = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * One Janus session on one channel. Keeps itself alive, owns the handles attached through it and closes them
 * when it closes; it closes itself when the channel closes or Janus reports it timed out.
 */
export class JanusSession extends TypedEmitter<{ closed: [] }> {
  private readonly handles = new Set<JanusHandle>();
  private readonly keepalive: NodeJS.Timeout;
  private readonly unsubscribe: Array<() => void>;
  private closing: Promise<void> | undefined;

  /** Creates a session on Janus (`create`). */
  static async create(channel: JanusChannel, options: SessionOptions): Promise<JanusSession> {
    const reply = await channel.request({ janus: 'create' });
    const id = reply.data?.id;
    if (id === undefined) {
      throw new JanusError(0, 'create returned no session id');
    }
    return new JanusSession(channel, id, options);
  }

  private constructor(
    readonly channel: JanusChannel,
    readonly id: number,
    private readonly options: SessionOptions,
  ) {
    const log = options.logger.child({ component: 'janus-session' });
    super((error, event) => log.error({ err: describeError(error), event }, 'janus session listener failed'));
    this.keepalive = setInterval(() => void this.sendKeepalive(), options.keepaliveMs ?? KEEPALIVE_MS);
    this.keepalive.unref();
    this.unsubscribe = [
      channel.on('close', () => void this.shutdown(false)),
      channel.onSessionMessage(id, (message) => {
        if (message.janus === 'timeout') {
          void this.shutdown(false);
        }
      }),
    ];
    if (channel.closed) {
      void this.shutdown(false);
    }
  }

  get closed(): boolean {
    return this.closing !== undefined;
  }

  /** Attaches a plugin, e.g. `janus.plugin.echotest`. */
  async attach(plugin: string): Promise<JanusHandle> {
    if (this.closed) {
      throw new JanusClosedError('The Janus session is closed');
    }
    const reply = await this.channel.request({ janus: 'attach', session_id: this.id, plugin });
    const handleId = reply.data?.id;
    if (handleId === undefined) {
      throw new JanusError(0, 'attach returned no handle id');
    }
    const handle = new JanusHandle(this, handleId, plugin, this.options.logger, () =>
      this.handles.delete(handle),
    );
    if (this.isClosing()) {
      // The session closed while attach was in flight; Janus frees the handle with the session.
      handle.closeLocally();
      throw new JanusClosedError('The Janus session is closed');
    }
    this.handles.add(handle);
    return handle;
  }

  /** A method, not the getter, so that the check after an `await` is not narrowed away. */
  private isClosing(): boolean {
    return this.closing !== undefined;
  }

  /** Destroys the session on Janus and closes its handles. Idempotent; never rejects. */
  close(): Promise<void> {
    return this.shutdown(true);
  }

  private shutdown(destroyOnJanus: boolean): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.keepalive);
      this.unsubscribe.forEach((unsubscribe) => unsubscribe());
      // Janus detaches the handles itself when the session is destroyed, so no detach requests here.
      for (const handle of [...this.handles]) {
        handle.closeLocally();
      }
      this.emit('closed');
      this.removeAllListeners();
      if (destroyOnJanus && !this.channel.closed) {
        await this.channel
          .request({ janus: 'destroy', session_id: this.id }, { timeoutMs: CLEANUP_TIMEOUT_MS })
          .catch((error: unknown) =>
            this.options.logger.debug({ err: describeError(error) }, 'janus destroy failed'),
          );
      }
    })();
    return this.closing;
  }

  private async sendKeepalive(): Promise<void> {
    try {
      await this.channel.request({ janus: 'keepalive', session_id: this.id });
    } catch (error) {
      if (error instanceof JanusError && error.code === SESSION_NOT_FOUND) {
        await this.shutdown(false);
        return;
      }
      this.options.logger.debug({ err: describeError(error) }, 'janus keepalive failed');
    }
  }
}

/** One plugin handle (one PeerConnection at most). Typed events; `close()` detaches. */
export class JanusHandle extends TypedEmitter<HandleEvents> {
  private closing: Promise<void> | undefined;
  private readonly unsubscribe: () => void;
  private readonly log: Logger;

  /** @internal Created by JanusSession.attach. */
  constructor(
    readonly session: JanusSession,
    readonly id: number,
    readonly plugin: string,
    logger: Logger,
    private readonly onClosed: () => void,
  ) {
    const log = logger.child({ component: 'janus-handle', plugin });
    super((error, event) => log.error({ err: describeError(error), event }, 'janus handle listener failed'));
    this.log = log;
    this.unsubscribe = session.channel.onHandleMessage(id, (message) => this.onMessage(message));
  }

  get closed(): boolean {
    return this.closing !== undefined;
  }

  /**
   * Sends a plugin request (with an SDP offer or answer if given) and resolves with the plugin's final reply.
   * Plugin errors reject with JanusError.
   */
  async message(
    body: Record<string, unknown>,
    jsep?: Jsep,
    options: { timeoutMs?: number } = {},
  ): Promise<{ data: Record<string, unknown>; jsep: Jsep | undefined }> {
    const reply = await this.request(
      { janus: 'message', body, ...(jsep ? { jsep } : {}) },
      options.timeoutMs,
      true,
    );
    return { data: reply.plugindata?.data ?? {}, jsep: reply.jsep };
  }

  /** Hands Janus one ICE candidate of the browser; `null` says gathering is complete. */
  async trickle(candidate: JanusCandidate | null): Promise<void> {
    await this.request({ janus: 'trickle', candidate: candidate ?? { completed: true } });
  }

  /** Ends the PeerConnection but keeps the handle attached. */
  async hangup(): Promise<void> {
    await this.request({ janus: 'hangup' });
  }

  /** Detaches the handle. Idempotent; never rejects. */
  close(): Promise<void> {
    if (this.closing) {
      return this.closing;
    }
    const detach = !this.session.closed && !this.session.channel.closed;
    this.closeLocally();
    if (detach) {
      this.closing = this.session.channel
        .request(
          { janus: 'detach', session_id: this.session.id, handle_id: this.id },
          { timeoutMs: CLEANUP_TIMEOUT_MS },
        )
        .then(
          () => undefined,
          (error: unknown) => {
            if (!(error instanceof JanusError && error.code === HANDLE_NOT_FOUND)) {
              this.log.debug({ err: describeError(error) }, 'janus detach failed');
            }
          },
        );
    }
    return this.closing ?? Promise.resolve();
  }

  /** @internal Marks the handle closed without asking Janus (its session or channel is gone). */
  closeLocally(): void {
    if (this.closing) {
      return;
    }
    this.closing = Promise.resolve();
    this.unsubscribe();
    this.onClosed();
    this.emit('closed');
    this.removeAllListeners();
  }

  private request(body: { janus: string } & Record<string, unknown>, timeoutMs?: number, awaitEvent = false) {
    if (this.closed) {
      return Promise.reject(new JanusClosedError('The Janus handle is closed'));
    }
    return this.session.channel.request(
      { ...body, session_id: this.session.id, handle_id: this.id },
      { awaitEvent, ...(timeoutMs !== undefined ? { timeoutMs } : {}) },
    );
  }

  private onMessage(message: JanusMessage): void {
    switch (message.janus) {
      case 'event':
        if (message.plugindata) {
          this.emit('event', {
            plugin: message.plugindata.plugin,
            data: message.plugindata.data,
            jsep: message.jsep,
          });
        }
        return;
      case 'webrtcup':
        this.emit('webrtcup');
        return;
      case 'media':
        this.emit('media', {
          type: optionalString(message.type) ?? 'unknown',
          receiving: message.receiving === true,
          mid: optionalString(message.mid),
        });
        return;
      case 'hangup':
        this.emit('hangup', optionalString(message.reason) ?? 'unknown');
        return;
      case 'slowlink':
        this.emit('slowlink', {
          uplink: message.uplink === true,
          lost: typeof message.lost === 'number' ? message.lost : undefined,
          mid: optionalString(message.mid),
          media: optionalString(message.media),
        });
        return;
      case 'detached':
        this.closeLocally();
        return;
      default:
        // e.g. `trickle` (only sent in full-trickle mode, which we do not use).
        this.log.debug({ janus: message.janus }, 'unhandled janus handle message');
    }
  }
}
