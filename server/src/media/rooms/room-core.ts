import { describeError, type Logger } from '../../lib/logger.js';
import { JanusClosedError, JanusError } from '../errors.js';
import type { JanusHandle, JanusSession } from '../janus-session.js';
import { openHandle, type MediaLeg, type RoomNode } from './media-leg.js';
import { deferred } from './room-fns.js';
import type { RoomCloseReason } from './room-types.js';

/** Cleanup must not hold up a shutdown when Janus is slow or gone. */
const CLEANUP_TIMEOUT_MS = 3_000;

export interface RoomCoreOptions {
  node: RoomNode;
  plugin: 'janus.plugin.audiobridge' | 'janus.plugin.videoroom';
  roomId: string;
  secret: string;
  logger: Logger;
  /** The plugin's `create` request (room, secret, admin_key included). */
  create: Record<string, unknown>;
  /** The `join` that makes the control handle a silent member of the room, so that it hears room events. */
  observe: Record<string, unknown>;
  /** Plugin events the control handle hears (talking, publishers…), not replies to our requests. */
  onEvent: (data: Record<string, unknown>) => void;
  /** Called once when the room closes, whatever the cause; legs are already being closed. */
  onClosed: (reason: RoomCloseReason) => void;
}

/**
 * What AudioBridgeRoom and VideoRoom share: one control session whose handle creates the room, joins it as an
 * observer (no media) to hear its events, sends the secret-bearing requests (mute, kick, destroy) and notices
 * the node going away. Also keeps the room's legs, so that they close with it.
 */
export class RoomCore {
  private readonly legs = new Map<string, MediaLeg>();
  private closing: Promise<void> | undefined;
  private closeReason: RoomCloseReason | undefined;
  private readonly log: Logger;

  static async open(options: RoomCoreOptions): Promise<{ core: RoomCore; joined: Record<string, unknown> }> {
    const { session, handle } = await openHandle(options.node, options.plugin);
    let created = false;
    try {
      await handle.message(options.create);
      created = true;
      const joined = await handle.message(options.observe);
      if (handle.closed) {
        // Lost between the reply and here: the core would never hear of it.
        throw new JanusClosedError('The connection to Janus closed while the room was created');
      }
      return { core: new RoomCore(session, handle, options), joined: joined.data };
    } catch (error) {
      if (created) {
        await handle
          .message({ request: 'destroy', room: options.roomId, secret: options.secret }, undefined, {
            timeoutMs: CLEANUP_TIMEOUT_MS,
          })
          .catch(() => undefined);
      }
      await session.close();
      throw error;
    }
  }

  private constructor(
    private readonly session: JanusSession,
    private readonly handle: JanusHandle,
    private readonly options: RoomCoreOptions,
  ) {
    this.log = options.logger.child({ component: 'room', plugin: options.plugin, room: options.roomId });
    handle.on('event', ({ data }) => {
      if (this.closed) {
        return;
      }
      const pluginKey = options.plugin === 'janus.plugin.audiobridge' ? 'audiobridge' : 'videoroom';
      if (data[pluginKey] === 'destroyed' && data.room === options.roomId) {
        void this.finish('destroyed_in_janus', false);
        return;
      }
      options.onEvent(data);
    });
    // The control session dies with the channel (node down) or when Janus forgets it.
    handle.on('closed', () => void this.finish('janus_lost', true));
  }

  get closed(): boolean {
    return this.closeReason !== undefined;
  }

  /** Throws JanusClosedError once the room is closed (checked after every await of a join). */
  assertOpen(): void {
    if (this.closed) {
      throw new JanusClosedError('The room is closed');
    }
  }

  /** A request on the control handle, answered by the plugin's reply data; plugin errors are JanusError. */
  async request(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    this.assertOpen();
    return (await this.handle.message(body)).data;
  }

  leg(key: string): MediaLeg | undefined {
    return this.legs.get(key);
  }

  /** Closes the leg kept under `key`, if any, and waits until Janus has let it go. */
  async release(key: string, reason: 'replaced' | 'kicked'): Promise<void> {
    await this.legs.get(key)?.end(reason);
  }

  /**
   * Opens a dedicated session for a leg kept under `key` (an earlier leg there is closed as `replaced` first:
   * Janus would refuse its id), lets `setup` join it, and keeps the leg until it closes. Anything failing, or
   * the room closing meanwhile, undoes it all.
   */
  async openLeg<R>(
    key: string,
    setup: (session: JanusSession, handle: JanusHandle) => Promise<{ leg: MediaLeg; result: R }>,
    onClosed?: () => void,
  ): Promise<R> {
    this.assertOpen();
    await this.release(key, 'replaced');
    const { session, handle } = await openHandle(this.options.node, this.options.plugin);
    let leg: MediaLeg | undefined;
    try {
      this.assertOpen();
      const done = await setup(session, handle);
      leg = done.leg;
      this.assertOpen();
      this.keep(key, leg, onClosed);
      return done.result;
    } catch (error) {
      await (leg ? leg.close() : session.close());
      throw error;
    }
  }

  private keep(key: string, leg: MediaLeg, onClosed: (() => void) | undefined): void {
    this.legs.set(key, leg);
    leg.on('closed', () => {
      if (this.legs.get(key) === leg) {
        this.legs.delete(key);
      }
      onClosed?.();
    });
  }

  /** Destroys the room in Janus and closes its legs. Idempotent; never rejects. */
  destroy(): Promise<void> {
    return this.finish('destroyed', true);
  }

  private finish(reason: RoomCloseReason, destroyInJanus: boolean): Promise<void> {
    // The reason is the guard, set first: a `closed` listener may call destroy() re-entrantly.
    if (this.closeReason === undefined) {
      this.closeReason = reason;
      const { promise, resolve } = deferred();
      this.closing = promise;
      void this.shutdown(reason, destroyInJanus).then(resolve, resolve);
    }
    return this.closing ?? Promise.resolve(); // set above; `??` only for the type
  }

  private async shutdown(reason: RoomCloseReason, destroyInJanus: boolean): Promise<void> {
    const legReason = reason === 'janus_lost' ? 'janus_lost' : 'room_closed';
    const legs = [...this.legs.values()];
    this.legs.clear();
    this.options.onClosed(reason);
    if (reason !== 'destroyed') {
      this.log.warn({ reason }, 'room closed by the media server');
    }
    // Legs announce their end at once; their sessions and the room go away in Janus concurrently.
    const legsGone = legs.map((leg) => leg.end(legReason));
    const roomGone = destroyInJanus ? this.destroyInJanus(reason === 'janus_lost') : undefined;
    await Promise.all([...legsGone, roomGone]);
    await this.session.close();
  }

  /**
   * After `janus_lost` the control session is gone, but Janus itself may be fine (only the session timed out):
   * then a fresh session destroys the room, so that a rebuilt room does not leave the old one behind.
   */
  private async destroyInJanus(viaNewSession: boolean): Promise<void> {
    const body = { request: 'destroy', room: this.options.roomId, secret: this.options.secret };
    let temporary: JanusSession | undefined;
    try {
      let handle = this.handle;
      if (viaNewSession) {
        const opened = await openHandle(this.options.node, this.options.plugin);
        temporary = opened.session;
        handle = opened.handle;
      }
      await handle.message(body, undefined, { timeoutMs: CLEANUP_TIMEOUT_MS });
    } catch (error) {
      // Node down (MediaUnavailableError), room already gone (JanusError): nothing left to clean.
      if (!(error instanceof JanusError) && !viaNewSession) {
        this.log.debug({ err: describeError(error) }, 'room destroy failed');
      }
    } finally {
      await temporary?.close();
    }
  }
}
