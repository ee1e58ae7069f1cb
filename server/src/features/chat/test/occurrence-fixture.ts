import type { Database } from '../../../db/database.js';
import { createOrganisation } from '../../../test/factories.js';

let counter = 0;

/** A meeting with one occurrence straight in the database (chat and polls hang off the occurrence). */
export async function insertOccurrence(
  db: Database,
  input: { organisationId?: string; hostUserId?: string; startsAt?: Date; endsAt?: Date } = {},
): Promise<{ occurrenceId: string; meetingId: string; organisationId: string }> {
  counter += 1;
  const organisationId = input.organisationId ?? (await createOrganisation(db)).id;
  const startsAt = input.startsAt ?? new Date('2030-03-04T18:00:00Z');
  const endsAt = input.endsAt ?? new Date(startsAt.getTime() + 90 * 60 * 1000);
  const meeting = await db
    .insertInto('meetings')
    .values({
      organisation_id: organisationId,
      host_user_id: input.hostUserId ?? null,
      created_by_user_id: null,
      kind: 'single',
      number: String(9_100_000_000 + counter * 7919 + Math.floor(Math.random() * 1000)),
      title: 'Gesprächskreis',
      description: '',
      time_zone: 'Europe/Berlin',
      passcode: null,
      waiting_room: false,
      join_before_host: true,
      mute_on_entry: false,
      camera_off_on_entry: false,
      chat_enabled: true,
      dial_in_enabled: false,
      e2ee: false,
      max_participants: 100,
      reminder_minutes: null,
      first_start_at: startsAt,
      last_end_at: endsAt,
      created_at: startsAt,
      updated_at: startsAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const schedule = await db
    .insertInto('meeting_schedules')
    .values({
      meeting_id: meeting.id,
      rrule: null,
      first_start: '2030-03-04T19:00',
      duration_minutes: 90,
      created_at: startsAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const occurrence = await db
    .insertInto('meeting_occurrences')
    .values({
      meeting_id: meeting.id,
      schedule_id: schedule.id,
      occurrence_key: '2030-03-04T19:00',
      starts_at: startsAt,
      ends_at: endsAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { occurrenceId: occurrence.id, meetingId: meeting.id, organisationId };
}
