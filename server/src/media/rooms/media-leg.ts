import { describeError, type Logger } from '../../lib/logger.js';
import { TypedEmitter } from '../../lib/typed-emitter.js';
import type { JanusNode } from '../janus-node.js';
import type { JanusHandle, JanusSession } from '../janus-session.js';
import { deferred, toJanusCandidate } from './room-fns.js';
import type { LegCandidate, LegCloseReason, LegEvents } from './room-types.js';

/** What this layer needs of a Janus node (narrowed so tests and the placement logic can pass their own). */
export type RoomNode = Pick<JanusNode, 'createSession' | 'adminKey'>;

/** A fresh session with one handle of `plugin`; the session is destroyed again if attaching fails. */
export async function openHandle(
  node: RoomNode,
  plugin: string,
): Promise<{ session: JanusSession; handle: JanusHandle }> {
  const session = await node.createSession();
  try {
    return { session, handle: await session.attach(plugin) };
  } catch (error) {
    await session.close();
    throw error;
  }
}

/**
 * One participant's connection to a room: its own Janus session and handle, so that a stuck or failed
 * PeerConnection affects nobody else and closing it is one `destroy` (Janus then takes the participant out of
 * the room, as a `leave` would). Emits `hangup` then `closed('hangup')` when Janus tears the PeerConnection
 * down, and `closed('janus_lost')` when the session dies with the node. A listener's error never escapes.
 */
export class MediaLeg extends TypedEmitter<LegEvents> {
  protected readonly log: Logger;
  private closing: Promise<void> | undefined;
  private reason: LegCloseReason | undefined;

  protected constructor(
    private readonly session: JanusSession,
    protected readonly handle: JanusHandle,
    logger: Logger,
  ) {
    const log = logger.child({ component: 'media-leg', plugin: handle.plugin });
    super((error, event) => log.error({ err: describeError(error), event }, 'media leg listener failed'));
    this.log = log;
    handle.on('hangup', (reason) => {
      if (!this.closed) {
        this.emit('hangup', reason);
        void this.end('hangup');
      }
    });
    handle.on('closed', () => void this.end('janus_lost'));
  }

  get closed(): boolean {
    return this.reason !== undefined;
  }

  /** Why the leg closed, once it has. */
  get closeReason(): LegCloseReason | undefined {
    return this.reason;
  }

  /**
   * Hands Janus one ICE candidate of the browser (`null` or an empty candidate: gathering complete). Ignored
   * once closed, since candidates race with teardown all the time.
   */
  async trickle(candidate: LegCandidate): Promise<void> {
    if (this.closed) {
      return;
    }
    await this.handle.trickle(toJanusCandidate(candidate));
  }

  /** Leaves the room and destroys the Janus session. Idempotent; never rejects. */
  close(): Promise<void> {
    return this.end('closed');
  }

  /** @internal Closes with a given reason (used by the room: kicked, replaced, room_closed…). */
  end(reason: LegCloseReason): Promise<void> {
    // The reason is the guard, set before anything runs: closing the session re-enters through `closed`.
    if (this.reason === undefined) {
      this.reason = reason;
      const { promise, resolve } = deferred();
      this.closing = promise;
      void this.shutdown(reason).then(resolve, resolve);
    }
    return this.closing ?? Promise.resolve(); // set above; `??` only for the type
  }

  private async shutdown(reason: LegCloseReason): Promise<void> {
    // Announce first and synchronously: the room drops the leg from its books before anything awaits.
    this.emit('closed', reason);
    this.removeAllListeners();
    if (reason !== 'janus_lost') {
      this.log.debug({ reason }, 'media leg closed');
    }
    await this.session.close();
  }
}
