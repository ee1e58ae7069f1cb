import type { RoomCredential } from '@treffpunkt/protocol';
import type { Logger } from '../../lib/logger.js';
import type { RoomMediaFactory, RoomMediaPlane } from '../../media/rooms/room-ports.js';
import type { SessionUser } from '../signalling/signalling-types.js';
import type { RoomMemoryStore } from './room-memory.js';

export type RoomRole = 'host' | 'cohost' | 'participant';

/** A meeting occurrence's settings as scheduled; the live room takes them from the first entry it sees. */
export interface RoomSettings {
  /** Everyone but hosts/co-hosts waits until a host or co-host admits them. */
  waitingRoom: boolean;
  /** Off: nobody is admitted before a host or co-host is in the meeting. */
  joinBeforeHost: boolean;
  /** Participants enter muted (and, unless allowSelfUnmute, cannot unmute until asked). */
  muteOnEntry: boolean;
  /** Participants start with their camera off (a hint to the client; they may turn it on). */
  cameraOffOnEntry: boolean;
  allowSelfUnmute: boolean;
  chatEnabled: boolean;
  /** Hard limit of admitted participants (hosts and co-hosts entering with their credential excepted). */
  maxParticipants: number;
  /** End-to-end encrypted meeting (media through VideoRoom only; not supported by this service yet). */
  e2ee: boolean;
  /** Names come from the invitation/account; the client's displayName is ignored. */
  lockNames: boolean;
}

/** Who is entering which meeting, as the meetings feature decided it. */
export interface RoomEntry {
  /** Stable id of the meeting occurrence: one live room per key. Not shown to clients. */
  meetingKey: string;
  title: string;
  role: RoomRole;
  /** From the invitation or account; the client's displayName overrides it unless `settings.lockNames`. */
  displayName: string;
  /** Stable per person: `invitation:<id>`, `user:<id>` or `anonymous:<random>` (new for every resolve). */
  identityKey: string;
  settings: RoomSettings;
  /** How they take part; a phone call (the SIP gateway) has only audio. Default: browser. */
  via?: 'browser' | 'phone';
}

/** What the connection knows of who is asking. */
export interface RoomEntryContext {
  sessionUser?: SessionUser | undefined;
  /** Throttling key of the connection's source (see SignallingContext.source). */
  source?: string | undefined;
}

/**
 * Turns a credential into an entry. Implemented by the meetings feature (`createMeetingsEntryResolver`).
 * Throws AppError with code `passcode_required`, `passcode_wrong`, `invitation_invalid`, `not_found` or
 * `rate_limited` (it throttles passcode guessing itself); for a `host` credential it requires
 * `context.sessionUser` to be a host of the meeting (otherwise `forbidden` or `not_found`).
 */
export interface RoomEntryResolver {
  resolve(credential: RoomCredential, context: RoomEntryContext): Promise<RoomEntry>;
}

/** Timings and limits of live rooms; the defaults suit production, tests shorten them. */
export interface RoomPolicy {
  /** A dropped participant keeps their seat (and media) this long as `reconnecting`. */
  reconnectGraceMs: number;
  /** After losing its Janus node, a room ends with `media_lost` unless it is rebuilt within this time. */
  mediaRecoveryMs: number;
  /** Least time between two `room.talking` messages about the same participant (the last state always goes). */
  talkingIntervalMs: number;
  reactions: { burst: number; perSecond: number };
  hostActions: { burst: number; perSecond: number };
  selfUpdates: { burst: number; perSecond: number };
  joins: { burst: number; perSecond: number };
}

export const defaultRoomPolicy: RoomPolicy = {
  reconnectGraceMs: 30_000,
  mediaRecoveryMs: 10_000,
  talkingIntervalMs: 300,
  reactions: { burst: 5, perSecond: 1 },
  hostActions: { burst: 20, perSecond: 4 },
  selfUpdates: { burst: 10, perSecond: 2 },
  joins: { burst: 5, perSecond: 0.2 },
};

export interface RoomsDeps {
  resolver: RoomEntryResolver;
  mediaPlane: RoomMediaPlane;
  logger: Logger;
  /** The Janus rooms; `janusRoomMedia` unless a test passes fakes. */
  media?: RoomMediaFactory;
  policy?: Partial<RoomPolicy>;
  now?: () => number;
  /** Lock, removals and who was in, kept across a restart (room-memory.ts); without it a restart forgets. */
  memory?: RoomMemoryStore;
}
