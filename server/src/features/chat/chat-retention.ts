import { sql } from 'kysely';
import type { Database } from '../../db/database.js';

/**
 * Retention of what people wrote and chose in meetings: in-meeting chat and polls (with their votes) are
 * deleted once their occurrence ended more than the organisation's `chat_retention_days` ago, or the
 * platform's `chatRetentionDays` where the organisation keeps the default. Documented in
 * docs/privacy/retention.md.
 */
export async function deleteExpiredMeetingRecords(
  db: Database,
  now: Date,
  defaultDays: number,
): Promise<{ chat: number; polls: number }> {
  const expired = db
    .selectFrom('meeting_occurrences as x')
    .innerJoin('meetings as m', 'm.id', 'x.meeting_id')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select('x.id')
    .where(
      sql<boolean>`x.ends_at + make_interval(days => coalesce(o.chat_retention_days, ${defaultDays}::int)) < ${now}`,
    );
  const chat = await db.deleteFrom('chat_messages').where('occurrence_id', 'in', expired).executeTakeFirst();
  const polls = await db.deleteFrom('polls').where('occurrence_id', 'in', expired).executeTakeFirst();
  return { chat: Number(chat.numDeletedRows), polls: Number(polls.numDeletedRows) };
}

/** The day an occurrence's chat and polls go: its end plus the retention days that apply to it. */
export function keptUntil(end: Date, organisationDays: number | null, defaultDays: number): Date {
  return new Date(end.getTime() + (organisationDays ?? defaultDays) * 24 * 60 * 60 * 1000);
}
