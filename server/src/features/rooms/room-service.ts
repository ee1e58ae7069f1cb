import type { ClientMessage } from '@treffpunkt/protocol';
import { AppError, forbidden } from '../../http/errors.js';
import { TokenBucket } from '../../lib/token-bucket.js';
import { describeError } from '../../lib/logger.js';
import { janusRoomMedia } from '../../media/rooms/room-ports.js';
import type { SignallingContext } from '../signalling/signalling-types.js';
import { LiveRoom, type RoomConnection } from './live-room.js';
import { RoomMemoryWriter } from './room-memory.js';
import type { RoomMemoryRecord } from './room-memory-fns.js';
import { defaultRoomPolicy, type RoomEntry, type RoomPolicy, type RoomsDeps } from './rooms-types.js';

export type EnterRequest = Parameters<LiveRoom['enter']>[2];

/** What a connection holds in `context.state` while it has a seat. */
export interface SeatRef {
  room: LiveRoom;
  participantId: string;
}

export interface RoomRegistry {
  /** `room.join`: resolves the credential, finds or opens the live room, seats the connection. */
  join(context: SignallingContext, message: Extract<ClientMessage, { type: 'room.join' }>): Promise<void>;
  /**
   * Seats a connection whose entry was decided elsewhere (the phone gateway checks meeting ID and PIN itself).
   * Synchronous, like the end of `join`; throws the room's refusals.
   */
  enter(context: SignallingContext, entry: RoomEntry, request: EnterRequest): SeatRef;
  /** The seat this connection holds; `not_in_room` otherwise (never joined, replaced, removed, ended). */
  seatOf(context: SignallingContext): SeatRef;
  /** The seat, or undefined: for messages that race with leaving (candidates) and deserve no error. */
  findSeat(context: SignallingContext): SeatRef | undefined;
  /** Display names of everyone seated (waiting or admitted) in the live room of `meetingKey`; none if closed. */
  namesIn(meetingKey: string): string[];
  /** The live room of `meetingKey` while it is open (for news from outside the room, e.g. poll drafts). */
  liveRoom(meetingKey: string): LiveRoom | undefined;
  /** Live rooms right now (for health and metrics). */
  readonly size: number;
  /** Ends every meeting with `server_shutdown` and destroys their Janus rooms. Idempotent. */
  close(): Promise<void>;
}

const seatKey = 'room';
const joinsKey = 'room.joins';

const notInRoom = () => new AppError('not_in_room', 409, 'Please join the meeting first.');

/**
 * The live rooms of this server node, by meeting occurrence: opened by the first `room.join`, forgotten when
 * they end or empty. Each connection holds at most one seat; its socket closing starts the seat's grace period.
 */
export function createRoomRegistry(deps: RoomsDeps): RoomRegistry {
  const policy: RoomPolicy = { ...defaultRoomPolicy, ...deps.policy };
  const now = deps.now ?? Date.now;
  const factory = deps.media ?? janusRoomMedia;
  const rooms = new Map<string, LiveRoom>();
  const log = deps.logger.child({ component: 'rooms' });
  let closing: Promise<void> | undefined;

  /** Memories of rooms about to be opened again after a restart (see `join`). */
  const recalled = new Map<string, RoomMemoryRecord>();

  const open = (entry: Parameters<LiveRoom['enter']>[1]): LiveRoom => {
    const remembered = recalled.get(entry.meetingKey);
    recalled.delete(entry.meetingKey);
    const room: LiveRoom = new LiveRoom({
      remembered,
      memory: deps.memory && new RoomMemoryWriter(deps.memory, entry.meetingKey, log, now),
      meetingKey: entry.meetingKey,
      entry,
      policy,
      factory,
      plane: deps.mediaPlane,
      logger: deps.logger,
      now,
      onClosed: () => {
        if (rooms.get(entry.meetingKey) === room) {
          rooms.delete(entry.meetingKey);
        }
      },
    });
    rooms.set(entry.meetingKey, room);
    log.info({ meeting: entry.meetingKey, rooms: rooms.size }, 'live room opened');
    return room;
  };

  /** Attempts per connection: the resolver throttles passcode guessing, this keeps a socket from hammering it. */
  const takeJoin = (context: SignallingContext) => {
    let bucket = context.state.get(joinsKey) as TokenBucket | undefined;
    if (!bucket) {
      bucket = new TokenBucket(policy.joins.burst, policy.joins.perSecond, now);
      context.state.set(joinsKey, bucket);
    }
    if (!bucket.tryTake()) {
      throw new AppError('rate_limited', 429, 'Too many attempts. Please wait a moment and try again.');
    }
  };

  const alreadyIn = () => forbidden('This connection is already in a meeting. Leave it first.');

  return {
    async join(context, message) {
      if (closing) {
        throw new AppError('media_unavailable', 503, 'The server is restarting. Please try again shortly.');
      }
      if (context.state.has(seatKey)) {
        throw alreadyIn();
      }
      takeJoin(context);
      const entry = await deps.resolver.resolve(message.credential, {
        sessionUser: context.sessionUser,
        source: context.source,
      });
      if (deps.memory && !rooms.get(entry.meetingKey) && !recalled.has(entry.meetingKey)) {
        const memory = await deps.memory.recall(entry.meetingKey).catch((error: unknown) => {
          log.warn({ err: describeError(error) }, 'live room memory not read');
          return undefined;
        });
        if (memory && !rooms.get(entry.meetingKey)) {
          recalled.set(entry.meetingKey, memory);
        }
      }
      this.enter(context, entry, {
        requestId: message.id,
        displayName: message.displayName,
        resumeToken: message.resumeToken,
        micMuted: message.micMuted,
      });
    },

    enter(context, entry, request) {
      if (closing) {
        throw new AppError('media_unavailable', 503, 'The server is restarting. Please try again shortly.');
      }
      // Everything from here on is synchronous: the binding exists before any other message is handled.
      if (context.state.has(seatKey)) {
        throw alreadyIn();
      }
      const existing = rooms.get(entry.meetingKey);
      const room = existing && !existing.closed ? existing : open(entry);
      const binding: { release?: () => void } = {};
      const connection: RoomConnection = {
        connectionId: context.connectionId,
        send: (outgoing) => context.send(outgoing),
        detach: () => {
          if ((context.state.get(seatKey) as SeatRef | undefined)?.room === room) {
            context.state.delete(seatKey);
          }
          binding.release?.();
        },
      };
      let participantId: string;
      try {
        participantId = room.enter(connection, entry, request);
      } catch (error) {
        if (room.isEmpty) {
          void room.end('left');
        }
        throw error;
      }
      context.state.set(seatKey, { room, participantId } satisfies SeatRef);
      binding.release = context.onClose(() => room.disconnect(participantId, context.connectionId));
      return { room, participantId };
    },

    seatOf(context) {
      const seat = this.findSeat(context);
      if (!seat) {
        throw notInRoom();
      }
      return seat;
    },

    findSeat(context) {
      const seat = context.state.get(seatKey) as SeatRef | undefined;
      return seat?.room.holds(seat.participantId, context.connectionId) ? seat : undefined;
    },

    liveRoom(meetingKey) {
      const room = rooms.get(meetingKey);
      return room && !room.closed ? room : undefined;
    },

    namesIn(meetingKey) {
      const room = rooms.get(meetingKey);
      return room && !room.closed ? [...room.state.participants.values()].map((p) => p.displayName) : [];
    },

    get size() {
      return rooms.size;
    },

    close() {
      closing ??= (async () => {
        await Promise.all([...rooms.values()].map((room) => room.end('server_shutdown')));
        rooms.clear();
      })();
      return closing;
    },
  };
}
