import type { Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { MeetingSchedulesTable } from '../../db/schema.js';
import type { Executor } from '../accounts/accounts-repo.js';

export interface ScheduleRecord {
  id: string;
  meetingId: string;
  rrule: string | null;
  firstStart: string;
  durationMinutes: number;
  sequence: number;
}

const toSchedule = (row: Selectable<MeetingSchedulesTable>): ScheduleRecord => ({
  id: row.id,
  meetingId: row.meeting_id,
  rrule: row.rrule,
  firstStart: row.first_start,
  durationMinutes: row.duration_minutes,
  sequence: row.sequence,
});

/** When meetings happen: one row per single date or rule of a series, each one calendar entry (UID, SEQUENCE). */
export function createSchedulesRepo(db: Database) {
  return {
    async forMeeting(meetingId: string, trx: Executor = db): Promise<ScheduleRecord[]> {
      const rows = await trx
        .selectFrom('meeting_schedules')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .orderBy('first_start')
        .execute();
      return rows.map(toSchedule);
    },

    async insert(
      input: { meetingId: string; rrule: string | null; firstStart: string; durationMinutes: number },
      now: Date,
      trx: Executor = db,
    ): Promise<ScheduleRecord> {
      const row = await trx
        .insertInto('meeting_schedules')
        .values({
          meeting_id: input.meetingId,
          rrule: input.rrule,
          first_start: input.firstStart,
          duration_minutes: input.durationMinutes,
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSchedule(row);
    },

    async update(
      id: string,
      patch: { rrule?: string | null; firstStart?: string; durationMinutes?: number },
      trx: Executor = db,
    ): Promise<void> {
      await trx
        .updateTable('meeting_schedules')
        .set({
          ...(patch.rrule !== undefined ? { rrule: patch.rrule } : {}),
          ...(patch.firstStart !== undefined ? { first_start: patch.firstStart } : {}),
          ...(patch.durationMinutes !== undefined ? { duration_minutes: patch.durationMinutes } : {}),
        })
        .where('id', '=', id)
        .execute();
    },

    /** Raises SEQUENCE of the given schedules (every one of the meeting without ids): a change invitees get. */
    async bumpSequence(
      meetingId: string,
      scheduleIds: string[] | undefined,
      trx: Executor = db,
    ): Promise<void> {
      let query = trx
        .updateTable('meeting_schedules')
        .set((eb) => ({ sequence: eb('sequence', '+', 1) }))
        .where('meeting_id', '=', meetingId);
      if (scheduleIds) {
        if (scheduleIds.length === 0) {
          return;
        }
        query = query.where('id', 'in', scheduleIds);
      }
      await query.execute();
    },
  };
}

export type SchedulesRepo = ReturnType<typeof createSchedulesRepo>;
