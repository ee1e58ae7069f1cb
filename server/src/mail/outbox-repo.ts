import type { Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { Language, MailAttachment, MailOutboxTable, MailStatus } from '../db/schema.js';
import type { Executor } from '../features/accounts/accounts-repo.js';
import { containsPattern } from '../features/accounts/accounts-fns.js';

export interface OutboxRecord {
  id: string;
  recipient: string;
  template: string;
  language: Language;
  subject: string;
  textBody: string | null;
  htmlBody: string | null;
  /** Files sent with the mail (an invitation's .ics); cleared with the bodies. */
  attachments: MailAttachment[];
  status: MailStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

function toRecord(row: Selectable<MailOutboxTable>): OutboxRecord {
  return {
    id: row.id,
    recipient: row.recipient,
    template: row.template,
    language: row.language,
    subject: row.subject,
    textBody: row.text_body,
    htmlBody: row.html_body,
    attachments: row.attachments ?? [],
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

export interface NewOutboxMail {
  recipient: string;
  template: string;
  language: Language;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

export function createOutboxRepo(db: Database) {
  return {
    async insert(mail: NewOutboxMail, now: Date, trx: Executor = db): Promise<string> {
      const row = await trx
        .insertInto('mail_outbox')
        .values({
          recipient: mail.recipient,
          template: mail.template,
          language: mail.language,
          subject: mail.subject,
          text_body: mail.text,
          html_body: mail.html,
          attachments: mail.attachments?.length ? JSON.stringify(mail.attachments) : null,
          next_attempt_at: now,
          created_at: now,
          last_error: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /**
     * Claims up to `limit` due mails for this worker: pending ones whose time has come, and ones another worker
     * claimed but never finished (it crashed) once their lock ran out. SKIP LOCKED keeps two nodes apart.
     * The attempt is counted here, so a send that kills its worker still counts.
     */
    async claimDue(now: Date, lockUntil: Date, limit: number): Promise<OutboxRecord[]> {
      return db.transaction().execute(async (trx) => {
        const rows = await trx
          .updateTable('mail_outbox')
          .set((eb) => ({ status: 'sending', locked_until: lockUntil, attempts: eb('attempts', '+', 1) }))
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('mail_outbox')
              .select('id')
              .where((w) =>
                w.or([
                  w.and([w('status', '=', 'pending'), w('next_attempt_at', '<=', now)]),
                  w.and([w('status', '=', 'sending'), w('locked_until', '<=', now)]),
                ]),
              )
              .orderBy('next_attempt_at')
              .limit(limit)
              .forUpdate()
              .skipLocked(),
          )
          .returningAll()
          .execute();
        return rows.map(toRecord);
      });
    },

    /** Sent: the bodies (which may hold one-time links) are dropped at once; the row stays for the record. */
    async markSent(id: string, now: Date): Promise<void> {
      await db
        .updateTable('mail_outbox')
        .set({
          status: 'sent',
          finished_at: now,
          locked_until: null,
          last_error: null,
          text_body: null,
          html_body: null,
          attachments: null,
        })
        .where('id', '=', id)
        .execute();
    },

    async markRetry(id: string, nextAttemptAt: Date, error: string): Promise<void> {
      await db
        .updateTable('mail_outbox')
        .set({ status: 'pending', next_attempt_at: nextAttemptAt, locked_until: null, last_error: error })
        .where('id', '=', id)
        .execute();
    },

    async markFailed(id: string, now: Date, error: string): Promise<void> {
      await db
        .updateTable('mail_outbox')
        .set({
          status: 'failed',
          finished_at: now,
          locked_until: null,
          last_error: error,
          text_body: null,
          html_body: null,
          attachments: null,
        })
        .where('id', '=', id)
        .execute();
    },

    async findById(id: string): Promise<OutboxRecord | undefined> {
      const row = await db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    async list(filter: {
      status?: MailStatus | undefined;
      search?: string | undefined;
      limit: number;
      offset: number;
    }): Promise<{ items: OutboxRecord[]; total: number }> {
      let query = db.selectFrom('mail_outbox');
      if (filter.status) {
        query = query.where('status', '=', filter.status);
      }
      if (filter.search) {
        const pattern = containsPattern(filter.search);
        query = query.where((eb) =>
          eb.or([eb('recipient', 'ilike', pattern), eb('subject', 'ilike', pattern)]),
        );
      }
      const rows = await query
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      const total = await query
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return { items: rows.map(toRecord), total: Number(total.n) };
    },

    /** Retention: every row older than the cutoff, whatever its state (see docs/privacy/retention.md). */
    async deleteCreatedBefore(cutoff: Date, trx: Executor = db): Promise<number> {
      const result = await trx
        .deleteFrom('mail_outbox')
        .where('created_at', '<', cutoff)
        .where('status', '!=', 'sending')
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
