import { sql, type Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { GroupSpaceMessagesTable } from '../../db/schema.js';
import type { Executor } from '../accounts/accounts-repo.js';

export interface GroupMessageRecord {
  id: string;
  seq: number;
  meetingId: string;
  authorKey: string;
  authorName: string;
  authorRole: 'host' | 'invitee';
  clientId: string;
  /** Empty once a host removed the message. */
  text: string;
  createdAt: Date;
  deletedAt: Date | null;
}

export type NewGroupMessage = Pick<
  GroupMessageRecord,
  'meetingId' | 'authorKey' | 'authorName' | 'authorRole' | 'clientId' | 'text'
>;

const toRecord = (row: Selectable<GroupSpaceMessagesTable>): GroupMessageRecord => ({
  id: row.id,
  seq: Number(row.seq),
  meetingId: row.meeting_id,
  authorKey: row.author_key,
  authorName: row.author_name,
  authorRole: row.author_role,
  clientId: row.client_id,
  text: row.text,
  createdAt: row.created_at,
  deletedAt: row.deleted_at,
});

export function createGroupSpaceRepo(db: Database) {
  return {
    /**
     * Stores a message once per (meeting, author, client id): a resend after a lost answer returns the stored
     * message instead of a second one. Returns whether this call created it.
     */
    async insertOnce(
      message: NewGroupMessage,
      now: Date,
      trx: Executor = db,
    ): Promise<{ message: GroupMessageRecord; created: boolean }> {
      const inserted = await trx
        .insertInto('group_space_messages')
        .values({
          meeting_id: message.meetingId,
          author_key: message.authorKey,
          author_name: message.authorName,
          author_role: message.authorRole,
          client_id: message.clientId,
          text: message.text,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['meeting_id', 'author_key', 'client_id']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) {
        return { message: toRecord(inserted), created: true };
      }
      const existing = await trx
        .selectFrom('group_space_messages')
        .selectAll()
        .where('meeting_id', '=', message.meetingId)
        .where('author_key', '=', message.authorKey)
        .where('client_id', '=', message.clientId)
        .executeTakeFirstOrThrow();
      return { message: toRecord(existing), created: false };
    },

    /** The newest `limit` messages before `beforeSeq` (all when undefined), oldest first. */
    async page(
      meetingId: string,
      beforeSeq: number | undefined,
      limit: number,
    ): Promise<GroupMessageRecord[]> {
      let query = db.selectFrom('group_space_messages').selectAll().where('meeting_id', '=', meetingId);
      if (beforeSeq !== undefined) {
        query = query.where('seq', '<', String(beforeSeq) as never);
      }
      const rows = await query.orderBy('seq', 'desc').limit(limit).execute();
      return rows.map(toRecord).reverse();
    },

    async findById(meetingId: string, id: string): Promise<GroupMessageRecord | undefined> {
      const row = await db
        .selectFrom('group_space_messages')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toRecord(row);
    },

    /** A host removes a message: its text is gone at once; the row stays as "removed" for the order. */
    async remove(id: string, now: Date, trx: Executor = db): Promise<void> {
      await trx
        .updateTable('group_space_messages')
        .set({ text: '', deleted_at: now })
        .where('id', '=', id)
        .execute();
    },

    async isRemovedMember(invitationId: string): Promise<boolean> {
      const row = await db
        .selectFrom('group_space_members')
        .select('removed_at')
        .where('invitation_id', '=', invitationId)
        .executeTakeFirst();
      return (row?.removed_at ?? null) !== null;
    },

    async setRemoved(invitationId: string, removedAt: Date | null, trx: Executor = db): Promise<void> {
      await trx
        .insertInto('group_space_members')
        .values({ invitation_id: invitationId, removed_at: removedAt })
        .onConflict((oc) => oc.column('invitation_id').doUpdateSet({ removed_at: removedAt }))
        .execute();
    },

    async digestOn(invitationId: string): Promise<boolean> {
      const row = await db
        .selectFrom('group_space_members')
        .select('digest')
        .where('invitation_id', '=', invitationId)
        .executeTakeFirst();
      return row?.digest ?? true;
    },

    async setDigest(invitationId: string, digest: boolean): Promise<void> {
      await db
        .insertInto('group_space_members')
        .values({ invitation_id: invitationId, digest })
        .onConflict((oc) => oc.column('invitation_id').doUpdateSet({ digest }))
        .execute();
    },

    /** A host's own summary switch for one series (on until switched off). */
    async hostDigestOn(meetingId: string, userId: string): Promise<boolean> {
      const row = await db
        .selectFrom('group_space_host_digests')
        .select('digest')
        .where('meeting_id', '=', meetingId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row?.digest ?? true;
    },

    async setHostDigest(meetingId: string, userId: string, digest: boolean): Promise<void> {
      await db
        .insertInto('group_space_host_digests')
        .values({ meeting_id: meetingId, user_id: userId, digest })
        .onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doUpdateSet({ digest }))
        .execute();
    },

    /** The series' active invitees and whether the hosts took them out of the space. */
    async members(
      meetingId: string,
    ): Promise<Array<{ invitationId: string; name: string; email: string; removed: boolean }>> {
      const rows = await db
        .selectFrom('meeting_invitations as i')
        .leftJoin('group_space_members as g', 'g.invitation_id', 'i.id')
        .select(['i.id', 'i.name', 'i.email', 'g.removed_at'])
        .where('i.meeting_id', '=', meetingId)
        .where('i.status', '=', 'active')
        .orderBy('i.name')
        .orderBy('i.email')
        .execute();
      return rows.map((row) => ({
        invitationId: row.id,
        name: row.name,
        email: row.email,
        removed: row.removed_at !== null,
      }));
    },

    /**
     * Retention: messages older than their organisation's chat retention, or `defaultDays` where the
     * organisation keeps the platform's default.
     */
    async deleteExpired(now: Date, defaultDays: number): Promise<number> {
      const result = await db
        .deleteFrom('group_space_messages')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('meetings as m')
              .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
              .whereRef('m.id', '=', 'group_space_messages.meeting_id')
              .where(
                sql<boolean>`group_space_messages.created_at + make_interval(days => coalesce(o.chat_retention_days, ${defaultDays}::int)) < ${now}`,
              )
              .select('m.id'),
          ),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type GroupSpaceRepo = ReturnType<typeof createGroupSpaceRepo>;
