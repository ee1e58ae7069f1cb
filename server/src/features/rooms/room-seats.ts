import type { ServerMessage } from '@treffpunkt/protocol';
import { TokenBucket } from '../../lib/token-bucket.js';
import type { ParticipantMedia } from './participant-media.js';
import { createResumeToken, hashResumeToken } from './room-fns.js';
import type { RoomPolicy } from './rooms-types.js';

/** The room's view of one signalling connection holding a seat. */
export interface RoomConnection {
  readonly connectionId: string;
  send(message: ServerMessage): void;
  /** This connection no longer holds its seat (replaced, removed, ended, left): forget the binding. */
  detach(): void;
}

export type LimitKind = 'reactions' | 'hostActions' | 'selfUpdates';

/** Everything of a participant that is not room state: their connection, media, limits and resume hash. */
export interface Seat {
  connection: RoomConnection | undefined;
  graceTimer: NodeJS.Timeout | undefined;
  /** A media restart happened while this seat was reconnecting: tell it on resume. */
  missedRestart: boolean;
  readonly media: ParticipantMedia;
  readonly limits: Record<LimitKind, TokenBucket>;
  resumeHash: string;
}

/**
 * The seats of a room by participant id, and the resume tokens that give them back. Only each token's hash
 * is kept; a token is replaced at every resume, so one that leaked from an old page is worthless.
 */
export class SeatBook {
  private readonly seats = new Map<string, Seat>();
  private readonly byResumeHash = new Map<string, string>();

  constructor(
    private readonly policy: RoomPolicy,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.seats.size;
  }

  get(participantId: string): Seat | undefined {
    return this.seats.get(participantId);
  }

  values(): Seat[] {
    return [...this.seats.values()];
  }

  /** Seats someone; returns their resume token (the only time it exists in clear). */
  add(participantId: string, connection: RoomConnection, media: ParticipantMedia): string {
    const bucket = ({ burst, perSecond }: { burst: number; perSecond: number }) =>
      new TokenBucket(burst, perSecond, this.now);
    const { token, hash } = createResumeToken();
    this.seats.set(participantId, {
      connection,
      graceTimer: undefined,
      missedRestart: false,
      media,
      limits: {
        reactions: bucket(this.policy.reactions),
        hostActions: bucket(this.policy.hostActions),
        selfUpdates: bucket(this.policy.selfUpdates),
      },
      resumeHash: hash,
    });
    this.byResumeHash.set(hash, participantId);
    return token;
  }

  /** The seat a resume token belongs to, if it is still here. */
  findByToken(token: string): string | undefined {
    return this.byResumeHash.get(hashResumeToken(token));
  }

  rotateToken(participantId: string, seat: Seat): string {
    this.byResumeHash.delete(seat.resumeHash);
    const { token, hash } = createResumeToken();
    seat.resumeHash = hash;
    this.byResumeHash.set(hash, participantId);
    return token;
  }

  /** Spends one action of `kind`; false when none is left. */
  take(participantId: string, kind: LimitKind): boolean {
    return this.seats.get(participantId)?.limits[kind].tryTake() ?? false;
  }

  remove(participantId: string): Seat | undefined {
    const seat = this.seats.get(participantId);
    if (seat) {
      this.seats.delete(participantId);
      this.byResumeHash.delete(seat.resumeHash);
      clearTimeout(seat.graceTimer);
    }
    return seat;
  }

  clear(): Seat[] {
    const seats = this.values();
    seats.forEach((seat) => clearTimeout(seat.graceTimer));
    this.seats.clear();
    this.byResumeHash.clear();
    return seats;
  }
}
