import { describeError, type Logger } from '../../lib/logger.js';
import { TypedEmitter } from '../../lib/typed-emitter.js';
import { MediaUnavailableError } from '../../media/errors.js';
import type { RoomNode } from '../../media/rooms/media-leg.js';
import type {
  AudioRoomPort,
  RoomMediaFactory,
  RoomMediaPlane,
  VideoRoomPort,
} from '../../media/rooms/room-ports.js';

export interface MediaRooms {
  node: RoomNode;
  audio: AudioRoomPort;
  video: VideoRoomPort;
}

export type RoomMediaEvents = {
  talking: [participantId: string, talking: boolean];
  publishersChanged: [];
  /** The rooms were lost with their Janus node (or Janus forgot them); a rebuild is under way. */
  interrupted: [];
  /** New rooms are up after an interruption: every participant must negotiate again. */
  restored: [];
  /** No rebuild within the recovery time: the meeting cannot go on. */
  failed: [];
};

export interface RoomMediaOptions {
  factory: RoomMediaFactory;
  plane: RoomMediaPlane;
  logger: Logger;
  recoveryMs: number;
  /** Concurrent publishers of the VideoRoom (cameras and screens). */
  maxPublishers: number;
}

/** Between two rebuild attempts while no `nodeUp` comes (e.g. the node is up but a request failed). */
const RETRY_MS = 500;

/**
 * A meeting's two Janus rooms (AudioBridge for the mix, VideoRoom for cameras and screens): created on first
 * use, released when nobody admitted is left, and rebuilt when their node goes down — on the same node once
 * it is back, or on another one — or the meeting is told it failed. Nothing here knows about people.
 */
export class RoomMedia extends TypedEmitter<RoomMediaEvents> {
  private rooms: MediaRooms | undefined;
  private creating: { promise: Promise<MediaRooms>; generation: number } | undefined;
  private rebuilding = false;
  private phase: 'idle' | 'up' | 'lost' | 'closed' = 'idle';
  /** Bumped whenever rooms being created must not be kept (released, lost, closed meanwhile). */
  private generation = 0;
  private recoveryDeadline: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly offPlane: Array<() => void>;
  private readonly log: Logger;

  constructor(private readonly options: RoomMediaOptions) {
    const log = options.logger.child({ component: 'room-media' });
    super((error, event) => log.error({ err: describeError(error), event }, 'room media listener failed'));
    this.log = log;
    this.offPlane = [
      options.plane.on('nodeDown', (node) => {
        if (this.rooms?.node === node) {
          this.lose('node_down');
        }
      }),
      options.plane.on('nodeUp', () => {
        if (this.phase === 'lost') {
          void this.rebuild();
        }
      }),
    ];
  }

  /** The rooms if they are up right now (no creation). */
  get current(): MediaRooms | undefined {
    return this.phase === 'up' ? this.rooms : undefined;
  }

  /** The rooms, created on first use. MediaUnavailableError while lost or closed, or when no node is up. */
  ensure(): Promise<MediaRooms> {
    if (this.phase === 'lost' || this.phase === 'closed') {
      return Promise.reject(new MediaUnavailableError('The media server is being reconnected'));
    }
    if (this.rooms) {
      return Promise.resolve(this.rooms);
    }
    // A creation started before a release is doomed (it destroys what it made): start a fresh one.
    if (!this.creating || this.creating.generation !== this.generation) {
      const promise = this.create();
      const attempt = { promise, generation: this.generation };
      this.creating = attempt;
      promise
        .finally(() => {
          if (this.creating === attempt) {
            this.creating = undefined;
          }
        })
        .catch(() => undefined);
    }
    return this.creating.promise;
  }

  /** Nobody admitted is left: the Janus rooms go (and any rebuild stops). Idempotent. */
  async release(): Promise<void> {
    if (this.phase === 'closed') {
      return;
    }
    this.phase = 'idle';
    await this.drop();
  }

  /** For good: rooms destroyed, timers and listeners gone. Idempotent; never rejects. */
  async close(): Promise<void> {
    if (this.phase === 'closed') {
      return;
    }
    this.phase = 'closed';
    this.offPlane.forEach((off) => off());
    this.removeAllListeners();
    await this.drop();
  }

  private async drop(): Promise<void> {
    this.generation += 1;
    clearTimeout(this.recoveryDeadline);
    clearTimeout(this.retryTimer);
    const rooms = this.rooms;
    this.rooms = undefined;
    if (rooms) {
      await Promise.all([rooms.audio.destroy(), rooms.video.destroy()]);
    }
  }

  private async create(): Promise<MediaRooms> {
    const generation = this.generation;
    const node = this.options.plane.pick();
    // No personal data in Janus: descriptions and displays are ours, not the meeting's title or names.
    const [audio, video] = await Promise.allSettled([
      this.options.factory.createAudioRoom(node, { description: 'treffpunkt', logger: this.options.logger }),
      this.options.factory.createVideoRoom(node, {
        description: 'treffpunkt',
        maxPublishers: this.options.maxPublishers,
        logger: this.options.logger,
      }),
    ]);
    if (audio.status === 'rejected' || video.status === 'rejected' || generation !== this.generation) {
      await Promise.all([
        audio.status === 'fulfilled' ? audio.value.destroy() : undefined,
        video.status === 'fulfilled' ? video.value.destroy() : undefined,
      ]);
      throw audio.status === 'rejected'
        ? audio.reason
        : video.status === 'rejected'
          ? video.reason
          : new MediaUnavailableError('The meeting’s media was released while it was set up');
    }
    const rooms: MediaRooms = { node, audio: audio.value, video: video.value };
    this.watch(rooms);
    this.rooms = rooms;
    this.phase = 'up';
    return rooms;
  }

  private watch(rooms: MediaRooms): void {
    // A room we destroyed ourselves is no longer `this.rooms` when its `closed` comes.
    const lostIfCurrent = () => {
      if (this.rooms === rooms) {
        this.lose('room_closed');
      }
    };
    rooms.audio.on('closed', lostIfCurrent);
    rooms.video.on('closed', lostIfCurrent);
    rooms.audio.on('talking', (participantId, talking) => {
      if (this.rooms === rooms) {
        this.emit('talking', participantId, talking);
      }
    });
    rooms.video.on('publishersChanged', () => {
      if (this.rooms === rooms) {
        this.emit('publishersChanged');
      }
    });
  }

  private lose(cause: 'node_down' | 'room_closed'): void {
    if (this.phase !== 'up') {
      return;
    }
    this.log.warn({ cause }, 'meeting media lost; rebuilding');
    this.phase = 'lost';
    void this.drop();
    this.recoveryDeadline = setTimeout(() => {
      if (this.phase === 'lost') {
        this.log.error('meeting media could not be rebuilt in time');
        this.emit('failed');
      }
    }, this.options.recoveryMs);
    this.emit('interrupted');
    void this.rebuild();
  }

  private stillLost(): boolean {
    return this.phase === 'lost';
  }

  /** One attempt; on failure the next comes with `nodeUp` or after RETRY_MS, until the deadline. */
  private async rebuild(): Promise<void> {
    if (this.phase !== 'lost' || this.rebuilding) {
      return;
    }
    clearTimeout(this.retryTimer);
    this.rebuilding = true;
    try {
      await this.create();
      clearTimeout(this.recoveryDeadline);
      this.log.info('meeting media rebuilt');
      this.emit('restored');
    } catch (error) {
      // `phase` may have changed while the attempt ran (released, closed).
      if (this.stillLost()) {
        this.log.debug({ err: describeError(error) }, 'meeting media rebuild attempt failed');
        this.retryTimer = setTimeout(() => void this.rebuild(), RETRY_MS);
      }
    } finally {
      this.rebuilding = false;
    }
  }
}
