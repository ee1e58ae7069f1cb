import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { InvitationStatus, Language, MailStatus } from '../../db/schema.js';
import type { Executor } from '../accounts/accounts-repo.js';

export interface InvitationRecord {
  id: string;
  meetingId: string;
  email: string;
  name: string;
  language: Language;
  timeZone: string;
  /** A secret: never logged, never in an API answer. */
  pin: string;
  status: InvitationStatus;
  /** Outbox state of the newest mail, null once that row is gone; `delivery` then holds its final state. */
  mailStatus: MailStatus | null;
  delivery: 'pending' | 'sent' | 'failed';
  createdAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
}

export interface NewInvitation {
  meetingId: string;
  email: string;
  name: string;
  language: Language;
  timeZone: string;
  pin: string;
  createdByUserId: string;
}

/** Personal invitations and their link tokens (stored as SHA-256 only). */
export function createInvitationsRepo(db: Database) {
  function select(trx: Executor) {
    return trx
      .selectFrom('meeting_invitations as i')
      .leftJoin('mail_outbox as mo', 'mo.id', 'i.last_mail_id')
      .selectAll('i')
      .select('mo.status as mail_status');
  }
  type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;
  const toRecord = (row: Row): InvitationRecord => ({
    id: row.id,
    meetingId: row.meeting_id,
    email: row.email,
    name: row.name,
    language: row.language,
    timeZone: row.time_zone,
    pin: row.pin,
    status: row.status,
    mailStatus: row.mail_status,
    delivery: row.delivery,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    endedAt: row.ended_at,
  });

  return {
    async forMeeting(
      meetingId: string,
      filter: { status?: InvitationStatus } = {},
      trx: Executor = db,
    ): Promise<InvitationRecord[]> {
      let query = select(trx).where('i.meeting_id', '=', meetingId);
      if (filter.status) {
        query = query.where('i.status', '=', filter.status);
      }
      const rows = await query.orderBy('i.created_at').orderBy('i.email').execute();
      return rows.map(toRecord);
    },

    async findById(id: string, trx: Executor = db): Promise<InvitationRecord | undefined> {
      const row = await select(trx).where('i.id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    /** The invitation a link token opens, whatever its state; undefined for unknown or expired tokens. */
    async findByToken(
      tokenHash: string,
      now: Date,
      trx: Executor = db,
    ): Promise<InvitationRecord | undefined> {
      const row = await select(trx)
        .innerJoin('meeting_invitation_tokens as t', 't.invitation_id', 'i.id')
        .where('t.token_hash', '=', tokenHash)
        .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
        .executeTakeFirst();
      return row && toRecord(row);
    },

    /** The active invitation a phone PIN belongs to within one meeting (PINs are unique per meeting). */
    async findActiveByPin(
      meetingId: string,
      pin: string,
      trx: Executor = db,
    ): Promise<InvitationRecord | undefined> {
      const row = await select(trx)
        .where('i.meeting_id', '=', meetingId)
        .where('i.pin', '=', pin)
        .where('i.status', '=', 'active')
        .executeTakeFirst();
      return row && toRecord(row);
    },

    async pins(meetingId: string, trx: Executor = db): Promise<Set<string>> {
      const rows = await trx
        .selectFrom('meeting_invitations')
        .select('pin')
        .where('meeting_id', '=', meetingId)
        .execute();
      return new Set(rows.map((row) => row.pin));
    },

    async insert(input: NewInvitation, now: Date, trx: Executor = db): Promise<string> {
      const row = await trx
        .insertInto('meeting_invitations')
        .values({
          meeting_id: input.meetingId,
          email: input.email,
          name: input.name,
          language: input.language,
          time_zone: input.timeZone,
          pin: input.pin,
          created_by_user_id: input.createdByUserId,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** A declined or revoked invitation invited again: active, same PIN, the new name and language. */
    async reactivate(
      id: string,
      input: Pick<NewInvitation, 'name' | 'language' | 'timeZone'>,
      now: Date,
      trx: Executor = db,
    ): Promise<void> {
      await trx
        .updateTable('meeting_invitations')
        .set({
          name: input.name,
          language: input.language,
          time_zone: input.timeZone,
          status: 'active',
          ended_at: null,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },

    async end(id: string, status: 'declined' | 'revoked', now: Date, trx: Executor = db): Promise<void> {
      await trx
        .updateTable('meeting_invitations')
        .set({ status, ended_at: now, updated_at: now })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('meeting_invitation_tokens').where('invitation_id', '=', id).execute();
    },

    async setLastMail(id: string, mailId: string, trx: Executor = db): Promise<void> {
      await trx
        .updateTable('meeting_invitations')
        .set({ last_mail_id: mailId, delivery: 'pending' })
        .where('id', '=', id)
        .execute();
    },

    async insertToken(
      invitationId: string,
      tokenHash: string,
      now: Date,
      expiresAt: Date | null,
      trx: Executor = db,
    ): Promise<void> {
      await trx
        .insertInto('meeting_invitation_tokens')
        .values({
          token_hash: tokenHash,
          invitation_id: invitationId,
          created_at: now,
          expires_at: expiresAt,
        })
        .execute();
    },

    async deleteTokens(invitationId: string, trx: Executor = db): Promise<void> {
      await trx.deleteFrom('meeting_invitation_tokens').where('invitation_id', '=', invitationId).execute();
    },

    /** Copies final outbox states into `delivery`, so they outlive outbox retention. */
    async syncDelivery(): Promise<number> {
      const result = await sql`update meeting_invitations i set delivery = o.status
          from mail_outbox o
          where o.id = i.last_mail_id and o.status in ('sent', 'failed') and i.delivery <> o.status`.execute(
        db,
      );
      return Number(result.numAffectedRows ?? 0);
    },

    /** Retention: invitations (with tokens) of meetings whose last date ended, or that were cancelled, before. */
    async deleteOfEndedMeetings(cutoff: Date): Promise<number> {
      const result = await db
        .deleteFrom('meeting_invitations')
        .where('meeting_id', 'in', (eb) =>
          eb
            .selectFrom('meetings')
            .select('id')
            .where((w) => w.or([w('last_end_at', '<', cutoff), w('cancelled_at', '<', cutoff)])),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Retention: declined and revoked invitations, some time after they ended. */
    async deleteEndedBefore(cutoff: Date): Promise<number> {
      const result = await db
        .deleteFrom('meeting_invitations')
        .where('status', 'in', ['declined', 'revoked'])
        .where('ended_at', '<', cutoff)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteExpiredTokens(now: Date): Promise<number> {
      const result = await db
        .deleteFrom('meeting_invitation_tokens')
        .where('expires_at', '<', now)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type InvitationsRepo = ReturnType<typeof createInvitationsRepo>;
