import type { Database } from '../../db/database.js';
import type { Executor } from '../accounts/accounts-repo.js';

/** The private calendar feed of each user: the SHA-256 of its token only. */
export function createCalendarRepo(db: Database) {
  return {
    async find(userId: string, trx: Executor = db): Promise<{ createdAt: Date } | undefined> {
      const row = await trx
        .selectFrom('calendar_feeds')
        .select('created_at')
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row && { createdAt: row.created_at };
    },

    /** Sets the user's feed token; a former one stops working. */
    async replace(userId: string, tokenHash: string, now: Date, trx: Executor = db): Promise<void> {
      await trx
        .insertInto('calendar_feeds')
        .values({ user_id: userId, token_hash: tokenHash, created_at: now })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: tokenHash, created_at: now }))
        .execute();
    },

    async remove(userId: string, trx: Executor = db): Promise<boolean> {
      const result = await trx.deleteFrom('calendar_feeds').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** The active account a feed token belongs to. */
    async userByToken(tokenHash: string): Promise<{ id: string; name: string } | undefined> {
      return db
        .selectFrom('calendar_feeds as f')
        .innerJoin('users as u', 'u.id', 'f.user_id')
        .select(['u.id', 'u.name'])
        .where('f.token_hash', '=', tokenHash)
        .where('u.status', '=', 'active')
        .executeTakeFirst();
    },

    /** Meetings a user hosts or co-hosts whose last date ended after `since`, newest last, at most `limit`. */
    async meetingIdsOf(userId: string, since: Date, limit: number): Promise<string[]> {
      const rows = await db
        .selectFrom('meetings as m')
        .select('m.id')
        .where('m.last_end_at', '>', since)
        .where((eb) =>
          eb.or([
            eb('m.host_user_id', '=', userId),
            eb.exists(
              eb
                .selectFrom('meeting_cohosts as c')
                .select('c.user_id')
                .whereRef('c.meeting_id', '=', 'm.id')
                .where('c.user_id', '=', userId),
            ),
          ]),
        )
        .orderBy('m.first_start_at')
        .limit(limit)
        .execute();
      return rows.map((row) => row.id);
    },
  };
}

export type CalendarRepo = ReturnType<typeof createCalendarRepo>;
