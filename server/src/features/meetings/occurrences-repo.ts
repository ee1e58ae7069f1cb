import { sql, type Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { MeetingOccurrencesTable, OccurrenceStatus } from '../../db/schema.js';
import type { Executor } from '../accounts/accounts-repo.js';
import type { OccurrenceSpec } from './schedule-fns.js';

export interface OccurrenceRecord {
  id: string;
  meetingId: string;
  scheduleId: string;
  occurrenceKey: string;
  start: Date;
  end: Date;
  status: OccurrenceStatus;
  reminderSentAt: Date | null;
}

const toRecord = (row: Selectable<MeetingOccurrencesTable>): OccurrenceRecord => ({
  id: row.id,
  meetingId: row.meeting_id,
  scheduleId: row.schedule_id,
  occurrenceKey: row.occurrence_key,
  start: row.starts_at,
  end: row.ends_at,
  status: row.status,
  reminderSentAt: row.reminder_sent_at,
});

const columns = (spec: OccurrenceSpec) => ({
  occurrence_key: spec.occurrenceKey,
  starts_at: spec.start,
  ends_at: spec.end,
  status: spec.status,
});

/** The materialised occurrences of meetings; each row's id is the occurrence's identity. */
export function createOccurrencesRepo(db: Database) {
  return {
    async insertMany(
      meetingId: string,
      scheduleId: string,
      specs: OccurrenceSpec[],
      trx: Executor = db,
    ): Promise<void> {
      if (specs.length === 0) {
        return;
      }
      await trx
        .insertInto('meeting_occurrences')
        .values(specs.map((spec) => ({ meeting_id: meetingId, schedule_id: scheduleId, ...columns(spec) })))
        .execute();
    },

    /** Rewrites an occurrence (key, times, status, schedule); a changed time may need its reminder again. */
    async update(id: string, scheduleId: string, spec: OccurrenceSpec, trx: Executor = db): Promise<void> {
      await trx
        .updateTable('meeting_occurrences')
        .set({ schedule_id: scheduleId, ...columns(spec), reminder_sent_at: null })
        .where('id', '=', id)
        .execute();
    },

    async deleteMany(ids: string[], trx: Executor = db): Promise<void> {
      if (ids.length > 0) {
        await trx.deleteFrom('meeting_occurrences').where('id', 'in', ids).execute();
      }
    },

    async forMeeting(meetingId: string, trx: Executor = db): Promise<OccurrenceRecord[]> {
      const rows = await trx
        .selectFrom('meeting_occurrences')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .orderBy('starts_at')
        .orderBy('occurrence_key')
        .execute();
      return rows.map(toRecord);
    },

    /**
     * Occurrences whose reminder is due: not cancelled, of an active meeting with reminders on, starting within
     * the meeting's reminder time from `now`, not reminded yet.
     */
    async dueReminders(now: Date, limit: number, trx: Executor = db): Promise<OccurrenceRecord[]> {
      const rows = await trx
        .selectFrom('meeting_occurrences as o')
        .innerJoin('meetings as m', 'm.id', 'o.meeting_id')
        .selectAll('o')
        .where('m.status', '=', 'active')
        .where('m.reminder_minutes', 'is not', null)
        .where('o.status', '!=', 'cancelled')
        .where('o.reminder_sent_at', 'is', null)
        .where('o.starts_at', '>', now)
        .where(sql<boolean>`o.starts_at <= ${now}::timestamptz + make_interval(mins => m.reminder_minutes)`)
        .orderBy('o.starts_at')
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },

    /** Claims an occurrence's reminder; false if another pass (or node) did already. */
    async claimReminder(id: string, now: Date, trx: Executor = db): Promise<boolean> {
      const result = await trx
        .updateTable('meeting_occurrences')
        .set({ reminder_sent_at: now })
        .where('id', '=', id)
        .where('reminder_sent_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type OccurrencesRepo = ReturnType<typeof createOccurrencesRepo>;
