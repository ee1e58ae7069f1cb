import type { ServerMessage } from '@treffpunkt/protocol';
import { AppError } from '../../http/errors.js';
import { describeError, type Logger } from '../../lib/logger.js';
import { MediaUnavailableError } from '../../media/errors.js';
import type { RoomMediaFactory, RoomMediaPlane } from '../../media/rooms/room-ports.js';
import { ParticipantMedia } from './participant-media.js';
import { decideEntry, decideRejoin, refusal, settleWaiting } from './room-access-fns.js';
import { RoomAnnouncer } from './room-announcer.js';
import {
  addParticipant,
  admittedOf,
  clearPublished,
  createRoomState,
  newParticipant,
  newParticipantId,
  removeParticipant,
  updateParticipant,
  type Participant,
  type RoomState,
} from './room-fns.js';
import { RoomMedia } from './room-media.js';
import { SeatBook, type LimitKind, type RoomConnection } from './room-seats.js';
import type { RoomMemoryWriter } from './room-memory.js';
import { memoryOf, rememberedRole, restoreDecisions, type RoomMemoryRecord } from './room-memory-fns.js';
import type { RoomEntry, RoomPolicy, RoomRole } from './rooms-types.js';

const roleRank: Record<RoomRole, number> = { participant: 0, cohost: 1, host: 2 };
import { TalkingThrottle } from './talking-throttle.js';

export type { RoomConnection } from './room-seats.js';
export type EndReason = Extract<ServerMessage, { type: 'room.ended' }>['reason'];

export interface LiveRoomOptions {
  meetingKey: string;
  entry: Pick<RoomEntry, 'title' | 'settings'>;
  policy: RoomPolicy;
  factory: RoomMediaFactory;
  plane: RoomMediaPlane;
  logger: Logger;
  now: () => number;
  /** Runs once when the room ends or empties; the registry forgets it. */
  onClosed: () => void;
  /** What this meeting's previous live room left behind before a server restart. */
  remembered?: RoomMemoryRecord | undefined;
  /** Keeps the host's decisions and who is in across a restart; absent in unit tests that don't need it. */
  memory?: RoomMemoryWriter | undefined;
}

/** Hosts may exceed the participant limit, and one screen is shared at a time: a little headroom. */
const PUBLISHER_HEADROOM = 8;

const notInRoom = () => new AppError('not_in_room', 409, 'You are not in this meeting.');

/**
 * One meeting in progress: the room state (pure transitions in room-fns.ts), the seats of the people in it
 * with their connections and media, and `commit`, the one place where state changes and everyone concerned
 * is told (room-announcer.ts). The Janus rooms come with the first admitted person and go with the last.
 */
export class LiveRoom {
  readonly media: RoomMedia;
  readonly log: Logger;
  private current: RoomState;
  private readonly seats: SeatBook;
  private readonly announcer: RoomAnnouncer;
  private readonly talking: TalkingThrottle;
  private closing: Promise<void> | undefined;
  /** Set as soon as shutting down starts (before `closing` is assigned): no more memory writes from here. */
  private ending = false;
  /** Resume tokens of the previous process already used to come back. */
  private readonly returned = new Set<string>();

  constructor(private readonly options: LiveRoomOptions) {
    const { policy, now } = options;
    const fresh = createRoomState(options.entry);
    this.current = options.remembered ? restoreDecisions(fresh, options.remembered) : fresh;
    this.log = options.logger.child({ component: 'live-room', meeting: options.meetingKey });
    this.seats = new SeatBook(policy, now);
    this.announcer = new RoomAnnouncer(
      (participantId, message) => this.sendTo(participantId, message),
      () => this.talking.talkingNow(),
    );
    this.media = new RoomMedia({
      factory: options.factory,
      plane: options.plane,
      logger: this.log,
      recoveryMs: policy.mediaRecoveryMs,
      maxPublishers: options.entry.settings.maxParticipants + PUBLISHER_HEADROOM,
    });
    this.talking = new TalkingThrottle(policy.talkingIntervalMs, now, (participantId, talking) =>
      this.broadcast({ type: 'room.talking', participantId, talking }),
    );
    this.media.on('talking', (participantId, talking) => this.talking.push(participantId, talking));
    this.media.on('publishersChanged', () =>
      this.seats.values().forEach((seat) => seat.media.publishersChanged()),
    );
    this.media.on('interrupted', () => this.mediaInterrupted());
    this.media.on('restored', () => this.mediaRestored());
    this.media.on('failed', () => void this.end('media_lost'));
  }

  get state(): RoomState {
    return this.current;
  }

  /** The meeting occurrence's id: chat and polls are stored under it. */
  get meetingKey(): string {
    return this.options.meetingKey;
  }

  get closed(): boolean {
    return this.closing !== undefined;
  }

  get isEmpty(): boolean {
    return this.seats.size === 0;
  }

  now(): number {
    return this.options.now();
  }

  /**
   * Seats someone (synchronously, so the caller can bind the connection before anything else runs): takes a
   * seat back with a resume token, takes over a reconnecting seat of the same person, or decides entry.
   * Throws AppError (`already_in_meeting`, `removed`, `meeting_locked`, `meeting_full`). Returns the participant id.
   */
  enter(
    connection: RoomConnection,
    entry: RoomEntry,
    request: {
      requestId: string;
      displayName?: string | undefined;
      resumeToken?: string | undefined;
      micMuted?: boolean | undefined;
    },
  ): string {
    if (this.closed) {
      throw new AppError('not_found', 404, 'This meeting has just ended.');
    }
    const resumed = request.resumeToken ? this.seats.findByToken(request.resumeToken) : undefined;
    const rejoin = decideRejoin(this.current, entry.identityKey, resumed);
    if (rejoin.kind === 'duplicate') {
      throw new AppError('already_in_meeting', 409, 'You are already in this meeting in another window.');
    }
    if (rejoin.kind !== 'new') {
      this.reseat(rejoin.participantId, connection, request.requestId);
      return rejoin.participantId;
    }
    const returning = this.returningRole(entry, request.resumeToken);
    const decision = returning ? ({ outcome: 'admit' } as const) : decideEntry(this.current, entry);
    if (decision.outcome === 'refuse') {
      throw refusal(decision.code);
    }
    const participantId = newParticipantId();
    const { lockNames } = this.current.settings;
    const displayName = lockNames ? entry.displayName : (request.displayName ?? entry.displayName);
    const status = decision.outcome === 'admit' ? 'admitted' : 'waiting';
    const role = returning && roleRank[returning] > roleRank[entry.role] ? returning : entry.role;
    const participant = newParticipant(
      this.current,
      { ...entry, role },
      { participantId, displayName, status, micMuted: request.micMuted },
    );
    const token = this.seats.add(participantId, connection, this.createMedia(participantId));
    connection.send({
      type: 'room.joined',
      id: request.requestId,
      participantId,
      resumeToken: token,
      status,
    });
    this.log.info({ participant: participantId, role: entry.role, status }, 'participant entered');
    this.commit(addParticipant(this.current, participant));
    return participantId;
  }

  /** Whether `connectionId` still holds this seat (a replaced or removed connection does not). */
  holds(participantId: string, connectionId: string): boolean {
    return this.seats.get(participantId)?.connection?.connectionId === connectionId;
  }

  participant(participantId: string): Participant {
    const participant = this.current.participants.get(participantId);
    if (!participant) {
      throw notInRoom();
    }
    return participant;
  }

  mediaOf(participantId: string): ParticipantMedia {
    const seat = this.seats.get(participantId);
    if (!seat) {
      throw notInRoom();
    }
    return seat.media;
  }

  /** Spends one action of `kind` for `participantId`; `rate_limited` when there is none left. */
  take(participantId: string, kind: LimitKind): void {
    if (!this.seats.take(participantId, kind)) {
      throw new AppError('rate_limited', 429, 'Too many actions. Please wait a moment.');
    }
  }

  apply(change: (state: RoomState) => RoomState): void {
    this.commit(change(this.current));
  }

  sendTo(participantId: string, message: ServerMessage): void {
    this.seats.get(participantId)?.connection?.send(message);
  }

  broadcast(message: ServerMessage): void {
    this.announcer.broadcast(this.current, message);
  }

  /** The socket closed: the seat (and its media) waits as `reconnecting` for the grace period. */
  disconnect(participantId: string, connectionId: string): void {
    const seat = this.seats.get(participantId);
    if (!seat || seat.connection?.connectionId !== connectionId) {
      return;
    }
    seat.connection = undefined;
    seat.graceTimer = setTimeout(
      () => this.dropSeat(participantId, undefined),
      this.options.policy.reconnectGraceMs,
    );
    seat.graceTimer.unref();
    this.apply((state) => updateParticipant(state, participantId, { connection: 'reconnecting' }));
  }

  /** Takes someone out: tells their connection why (if any), closes their media, frees the seat. */
  dropSeat(participantId: string, reason: EndReason | undefined): void {
    const seat = this.seats.remove(participantId);
    if (!seat) {
      return;
    }
    if (reason) {
      seat.connection?.send({ type: 'room.ended', reason });
    }
    seat.connection?.detach();
    this.talking.forget(participantId);
    this.log.info({ participant: participantId, reason: reason ?? 'gone' }, 'participant left');
    // Out of the state first: their legs closing must not announce changes about someone who has left.
    this.commit(removeParticipant(this.current, participantId));
    void seat.media.close();
    if (this.seats.size === 0) {
      void this.shutdown();
    }
  }

  /** Ends the meeting for everyone (and destroys its Janus rooms). Idempotent. */
  end(reason: EndReason): Promise<void> {
    if (!this.closing) {
      this.log.info({ reason, seats: this.seats.size }, 'meeting ended');
      this.seats.values().forEach((seat) => seat.connection?.send({ type: 'room.ended', reason }));
    }
    // A restart is not the end of the meeting: its memory stays for the next process.
    return this.shutdown(reason === 'server_shutdown');
  }

  /**
   * Someone who was in this meeting before a server restart, coming back with their resume token (once): the
   * role they had, so they skip the waiting room. Removed people are not let back in this way.
   */
  private returningRole(entry: RoomEntry, resumeToken: string | undefined): RoomRole | undefined {
    if (resumeToken === undefined || this.current.removedIdentities.has(entry.identityKey)) {
      return undefined;
    }
    const role = rememberedRole(this.options.remembered, entry.identityKey, resumeToken, this.returned);
    if (role) {
      this.returned.add(resumeToken);
    }
    return role;
  }

  private shutdown(keepMemory = false): Promise<void> {
    this.closing ??= (async () => {
      this.ending = true;
      if (!keepMemory) {
        void this.options.memory?.forget();
      }
      const seats = this.seats.clear();
      this.talking.close();
      this.options.onClosed();
      seats.forEach((seat) => seat.connection?.detach());
      await Promise.all([
        ...seats.map((seat) => seat.media.close()),
        this.media.close(),
        keepMemory ? this.options.memory?.flush() : undefined,
      ]);
    })().catch((error: unknown) => this.log.error({ err: describeError(error) }, 'room shutdown failed'));
    return this.closing;
  }

  private createMedia(participantId: string): ParticipantMedia {
    return new ParticipantMedia(
      participantId,
      this.media,
      {
        send: (message) => this.sendTo(participantId, message),
        wantsMuted: () => this.current.participants.get(participantId)?.micMuted ?? true,
        publisherGone: (kind) =>
          this.apply((state) =>
            updateParticipant(
              state,
              participantId,
              kind === 'camera' ? { cameraOn: false } : { screenSharing: false },
            ),
          ),
      },
      this.log.child({ participant: participantId }),
    );
  }

  /** A new connection takes a seat: the old one (if still open) is told it was replaced. New resume token. */
  private reseat(participantId: string, connection: RoomConnection, requestId: string): void {
    const seat = this.seats.get(participantId);
    const participant = this.participant(participantId);
    if (!seat) {
      throw notInRoom();
    }
    seat.connection?.send({ type: 'room.ended', reason: 'replaced' });
    seat.connection?.detach();
    clearTimeout(seat.graceTimer);
    seat.graceTimer = undefined;
    seat.connection = connection;
    const token = this.seats.rotateToken(participantId, seat);
    const { status } = participant;
    connection.send({ type: 'room.joined', id: requestId, participantId, resumeToken: token, status });
    this.log.info({ participant: participantId, status }, 'participant resumed');
    this.announcer.catchUp(this.current, participant, (message) => connection.send(message));
    if (status === 'admitted') {
      if (seat.missedRestart) {
        seat.missedRestart = false;
        connection.send({ type: 'media.restart' });
      } else {
        seat.media.resendPendingOffer();
      }
    }
    this.apply((state) => updateParticipant(state, participantId, { connection: 'good' }));
  }

  /** Makes `proposed` (after the waiting rules) the state, tells who needs to know, and lets media follow. */
  private commit(proposed: RoomState): void {
    const previous = this.current;
    this.current = settleWaiting(proposed);
    const fresh = this.announcer.announce(previous, this.current);
    // Not while closing: the seats are gone by then (no resume hashes), and late changes (a camera publisher
    // closing) would overwrite what the next process needs, or bring back the memory of an ended meeting.
    if (!this.ending) {
      this.options.memory?.remember(memoryOf(this.current, (id) => this.seats.get(id)?.resumeHash));
    }
    if (fresh.size > 0 && !this.current.settings.e2ee) {
      this.media.ensure().catch((error: unknown) => {
        // Media being rebuilt or the room ending meanwhile is expected; the clients hear of it either way.
        if (!this.closed && !(error instanceof MediaUnavailableError)) {
          this.log.warn({ err: describeError(error) }, 'meeting media could not be set up yet');
        }
      });
    } else if (admittedOf(this.current).length === 0 && admittedOf(previous).length > 0) {
      void this.media.release();
    }
  }

  private mediaInterrupted(): void {
    this.seats.values().forEach((seat) => seat.media.reset());
    this.apply(clearPublished);
    this.broadcast({ type: 'room.notice', notice: 'media_interrupted' });
  }

  private mediaRestored(): void {
    for (const participant of admittedOf(this.current)) {
      const seat = this.seats.get(participant.participantId);
      if (seat?.connection) {
        seat.connection.send({ type: 'media.restart' });
      } else if (seat) {
        seat.missedRestart = true;
      }
    }
  }
}
