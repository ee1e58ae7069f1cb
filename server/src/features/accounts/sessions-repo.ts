import type { Database } from '../../db/database.js';
import { toUserRecord, type Executor, type UserRecord } from './accounts-repo.js';

export interface SessionRecord {
  idHash: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** Server-side sessions, looked up by the SHA-256 of the cookie's token. */
export function createSessionsRepo(db: Database) {
  return {
    async insert(session: SessionRecord, trx: Executor = db): Promise<void> {
      await trx
        .insertInto('sessions')
        .values({
          id_hash: session.idHash,
          user_id: session.userId,
          created_at: session.createdAt,
          last_seen_at: session.lastSeenAt,
          expires_at: session.expiresAt,
        })
        .execute();
    },

    async findWithUser(
      idHash: string,
      trx: Executor = db,
    ): Promise<{ session: SessionRecord; user: UserRecord } | undefined> {
      const row = await trx
        .selectFrom('sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .selectAll('u')
        .select(['s.id_hash', 's.created_at as session_created_at', 's.last_seen_at', 's.expires_at'])
        .where('s.id_hash', '=', idHash)
        .executeTakeFirst();
      if (!row) {
        return undefined;
      }
      return {
        session: {
          idHash: row.id_hash,
          userId: row.id,
          createdAt: row.session_created_at,
          lastSeenAt: row.last_seen_at,
          expiresAt: row.expires_at,
        },
        user: toUserRecord(row),
      };
    },

    async touch(idHash: string, now: Date, trx: Executor = db): Promise<void> {
      await trx.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
    },

    async delete(idHash: string, trx: Executor = db): Promise<void> {
      await trx.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },

    /** Ends a user's sessions, optionally all but the one in use. */
    async deleteForUser(
      userId: string,
      options: { except?: string } = {},
      trx: Executor = db,
    ): Promise<number> {
      let query = trx.deleteFrom('sessions').where('user_id', '=', userId);
      if (options.except) {
        query = query.where('id_hash', '!=', options.except);
      }
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Retention: sessions past their absolute end or idle too long. */
    async deleteExpired(now: Date, idleMs: number, trx: Executor = db): Promise<number> {
      const idleBefore = new Date(now.getTime() - idleMs);
      const result = await trx
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleBefore)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
