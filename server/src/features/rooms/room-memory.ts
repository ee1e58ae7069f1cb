import type { Database } from '../../db/database.js';
import { describeError, type Logger } from '../../lib/logger.js';
import { roomMemoryRecord, type RoomMemoryRecord } from './room-memory-fns.js';

/** Where live meetings keep what a restart must not lose; the database in production, a Map in unit tests. */
export interface RoomMemoryStore {
  recall(meetingKey: string): Promise<RoomMemoryRecord | undefined>;
  save(meetingKey: string, memory: RoomMemoryRecord, now: Date): Promise<void>;
  forget(meetingKey: string): Promise<void>;
}

export function createRoomMemoryRepo(db: Database) {
  return {
    async recall(meetingKey: string): Promise<RoomMemoryRecord | undefined> {
      const row = await db
        .selectFrom('live_room_memory')
        .select('memory')
        .where('occurrence_id', '=', meetingKey)
        .executeTakeFirst();
      const parsed = row && roomMemoryRecord.safeParse(row.memory);
      return parsed?.success ? parsed.data : undefined;
    },

    async save(meetingKey: string, memory: RoomMemoryRecord, now: Date): Promise<void> {
      const json = JSON.stringify(memory);
      await db
        .insertInto('live_room_memory')
        .values({ occurrence_id: meetingKey, memory: json, updated_at: now })
        .onConflict((oc) => oc.column('occurrence_id').doUpdateSet({ memory: json, updated_at: now }))
        .execute();
    },

    async forget(meetingKey: string): Promise<void> {
      await db.deleteFrom('live_room_memory').where('occurrence_id', '=', meetingKey).execute();
    },

    /** Retention: memories of rooms that crashed and never came back. */
    async deleteUnchangedSince(cutoff: Date): Promise<number> {
      const result = await db
        .deleteFrom('live_room_memory')
        .where('updated_at', '<', cutoff)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  } satisfies RoomMemoryStore & Record<string, unknown>;
}

/**
 * Writes one room's memory in the background, in order, skipping writes that change nothing. A failing write
 * is logged and does not disturb the meeting: the worst outcome is a trip through the waiting room after a
 * restart.
 */
export class RoomMemoryWriter {
  private last = '';
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: RoomMemoryStore,
    private readonly meetingKey: string,
    private readonly log: Logger,
    private readonly now: () => number,
  ) {}

  remember(memory: RoomMemoryRecord): void {
    const json = JSON.stringify(memory);
    if (json === this.last) {
      return;
    }
    this.last = json;
    void this.enqueue(() => this.store.save(this.meetingKey, memory, new Date(this.now())));
  }

  /** The meeting is over (not merely restarting): nothing to keep. Resolves when written. */
  forget(): Promise<void> {
    this.last = '';
    return this.enqueue(() => this.store.forget(this.meetingKey));
  }

  /** Resolves once every write so far has finished (for shutdown and tests). */
  flush(): Promise<void> {
    return this.chain;
  }

  private enqueue(write: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(write).catch((error: unknown) => {
      this.log.warn({ err: describeError(error) }, 'live room memory not written');
    });
    return this.chain;
  }
}
