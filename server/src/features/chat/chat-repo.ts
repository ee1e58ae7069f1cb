import { sql, type Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ChatAudience, ChatMessagesTable, ChatSenderRole } from '../../db/schema.js';
import type { Executor } from '../accounts/accounts-repo.js';

export interface ChatMessageRecord {
  id: string;
  occurrenceId: string;
  seq: number;
  senderKey: string;
  senderName: string;
  senderRole: ChatSenderRole;
  audience: ChatAudience;
  clientId: string;
  /** Empty once a host deleted the message. */
  text: string;
  createdAt: Date;
  deletedAt: Date | null;
}

export type NewChatMessage = Pick<
  ChatMessageRecord,
  'occurrenceId' | 'senderKey' | 'senderName' | 'senderRole' | 'audience' | 'clientId' | 'text'
>;

/** Who is reading: hosts-only messages reach hosts/co-hosts and their own sender. */
export interface ChatReader {
  senderKey?: string | undefined;
  isHost: boolean;
}

const toRecord = (row: Selectable<ChatMessagesTable>): ChatMessageRecord => ({
  id: row.id,
  occurrenceId: row.occurrence_id,
  seq: row.seq,
  senderKey: row.sender_key,
  senderName: row.sender_name,
  senderRole: row.sender_role,
  audience: row.audience,
  clientId: row.client_id,
  text: row.text,
  createdAt: row.created_at,
  deletedAt: row.deleted_at,
});

export function createChatRepo(db: Database) {
  const find = (occurrenceId: string, senderKey: string, clientId: string, trx: Executor) =>
    trx
      .selectFrom('chat_messages')
      .selectAll()
      .where('occurrence_id', '=', occurrenceId)
      .where('sender_key', '=', senderKey)
      .where('client_id', '=', clientId)
      .executeTakeFirst();

  return {
    /**
     * Stores a message once per (occurrence, sender, client id), numbered after the occurrence's last one.
     * A resend returns the stored message (`created: false`). Callers serialise sends per occurrence; the
     * unique (occurrence, seq) constraint catches another node racing (the caller may retry).
     */
    async insertOnce(
      message: NewChatMessage,
      now: Date,
      trx: Executor = db,
    ): Promise<{ message: ChatMessageRecord; created: boolean }> {
      const existing = await find(message.occurrenceId, message.senderKey, message.clientId, trx);
      if (existing) {
        return { message: toRecord(existing), created: false };
      }
      const nextSeq = trx
        .selectFrom('chat_messages')
        .select(sql<number>`coalesce(max(seq), 0) + 1`.as('next'))
        .where('occurrence_id', '=', message.occurrenceId);
      const inserted = await trx
        .insertInto('chat_messages')
        .values({
          occurrence_id: message.occurrenceId,
          seq: nextSeq,
          sender_key: message.senderKey,
          sender_name: message.senderName,
          sender_role: message.senderRole,
          audience: message.audience,
          client_id: message.clientId,
          text: message.text,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['occurrence_id', 'sender_key', 'client_id']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) {
        return { message: toRecord(inserted), created: true };
      }
      const raced = await find(message.occurrenceId, message.senderKey, message.clientId, trx);
      if (!raced) {
        throw new Error('chat message neither inserted nor found');
      }
      return { message: toRecord(raced), created: false };
    },

    /** Messages after `afterSeq` the reader may see, oldest first; deleted ones are left out. */
    async after(
      occurrenceId: string,
      afterSeq: number,
      reader: ChatReader,
      limit: number,
      trx: Executor = db,
    ): Promise<ChatMessageRecord[]> {
      let query = trx
        .selectFrom('chat_messages')
        .selectAll()
        .where('occurrence_id', '=', occurrenceId)
        .where('seq', '>', afterSeq)
        .where('deleted_at', 'is', null);
      if (!reader.isHost) {
        query = query.where((eb) =>
          eb.or([
            eb('audience', '=', 'everyone'),
            ...(reader.senderKey ? [eb('sender_key', '=', reader.senderKey)] : []),
          ]),
        );
      }
      const rows = await query.orderBy('seq').limit(limit).execute();
      return rows.map(toRecord);
    },

    async findById(occurrenceId: string, id: string, trx: Executor = db) {
      const row = await trx
        .selectFrom('chat_messages')
        .selectAll()
        .where('occurrence_id', '=', occurrenceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toRecord(row);
    },

    /** Deletes the text at once and marks the message deleted; returns whether it was there. */
    async markDeleted(occurrenceId: string, id: string, now: Date, trx: Executor = db): Promise<boolean> {
      const result = await trx
        .updateTable('chat_messages')
        .set({ text: '', deleted_at: now })
        .where('occurrence_id', '=', occurrenceId)
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

export type ChatRepo = ReturnType<typeof createChatRepo>;
