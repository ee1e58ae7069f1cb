import { sql, type Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { MeetingKind, MeetingsTable } from '../../db/schema.js';
import type { Executor } from '../accounts/accounts-repo.js';
import type { MeetingSettings } from './meetings-fns.js';

export interface MeetingRecord {
  id: string;
  organisation: {
    id: string;
    name: string;
    status: 'active' | 'deactivated';
    /** Days chat and polls are kept; null: the platform's default (settings). */
    chatRetentionDays: number | null;
  };
  host: { id: string; name: string; email: string; language: 'de' | 'en' } | null;
  coHosts: Array<{ id: string; name: string }>;
  createdByUserId: string | null;
  kind: MeetingKind;
  /** The meeting ID people type: digits. */
  number: string;
  title: string;
  description: string;
  timeZone: string;
  passcode: string | null;
  /** The meeting-wide dial-in PIN; null exactly when `settings.phonePin` is off. */
  phonePin: string | null;
  settings: MeetingSettings;
  reminderMinutes: number | null;
  status: 'active' | 'cancelled';
  firstStartAt: Date;
  lastEndAt: Date;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
}

export interface NewMeeting {
  organisationId: string;
  hostUserId: string;
  createdByUserId: string;
  kind: MeetingKind;
  number: string;
  title: string;
  description: string;
  timeZone: string;
  passcode: string | null;
  /** Set exactly when `settings.phonePin` is on (the service generates it). */
  phonePin: string | null;
  settings: MeetingSettings;
  reminderMinutes: number | null;
}

export type MeetingPatch = Partial<
  Pick<
    NewMeeting,
    'hostUserId' | 'title' | 'description' | 'timeZone' | 'passcode' | 'phonePin' | 'reminderMinutes'
  > & {
    settings: MeetingSettings;
    status: 'active' | 'cancelled';
    cancelledAt: Date | null;
  }
>;

/** `phonePin` is not a column of its own: it is on when `phone_pin` holds a PIN. */
const settingsColumns = (s: MeetingSettings) => ({
  waiting_room: s.waitingRoom,
  join_before_host: s.joinBeforeHost,
  mute_on_entry: s.muteOnEntry,
  camera_off_on_entry: s.cameraOffOnEntry,
  chat_enabled: s.chat,
  dial_in_enabled: s.dialIn,
  e2ee: s.e2ee,
  max_participants: s.maxParticipants,
});

/** Meetings (single or series) and their co-hosts; their dates: schedules-repo.ts, occurrences-repo.ts. */
export function createMeetingsRepo(db: Database) {
  function selectMeetings(trx: Executor) {
    return trx
      .selectFrom('meetings as m')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .leftJoin('users as h', 'h.id', 'm.host_user_id')
      .selectAll('m')
      .select([
        'o.name as organisation_name',
        'o.status as organisation_status',
        'o.chat_retention_days as organisation_chat_retention_days',
        'h.name as host_name',
        'h.email as host_email',
        'h.language as host_language',
      ]);
  }
  type Row = Selectable<MeetingsTable> & {
    organisation_name: string;
    organisation_status: 'active' | 'deactivated';
    organisation_chat_retention_days: number | null;
    host_name: string | null;
    host_email: string | null;
    host_language: 'de' | 'en' | null;
  };

  async function withCohosts(rows: Row[], trx: Executor): Promise<MeetingRecord[]> {
    const ids = rows.map((row) => row.id);
    const cohosts =
      ids.length === 0
        ? []
        : await trx
            .selectFrom('meeting_cohosts as c')
            .innerJoin('users as u', 'u.id', 'c.user_id')
            .select(['c.meeting_id', 'u.id', 'u.name'])
            .where('c.meeting_id', 'in', ids)
            .orderBy('u.name')
            .execute();
    return rows.map((row) => ({
      id: row.id,
      organisation: {
        id: row.organisation_id,
        name: row.organisation_name,
        status: row.organisation_status,
        chatRetentionDays: row.organisation_chat_retention_days,
      },
      host:
        row.host_user_id && row.host_name !== null && row.host_email !== null
          ? {
              id: row.host_user_id,
              name: row.host_name,
              email: row.host_email,
              language: row.host_language ?? 'de',
            }
          : null,
      coHosts: cohosts.filter((c) => c.meeting_id === row.id).map((c) => ({ id: c.id, name: c.name })),
      createdByUserId: row.created_by_user_id,
      kind: row.kind,
      number: row.number,
      title: row.title,
      description: row.description,
      timeZone: row.time_zone,
      passcode: row.passcode,
      phonePin: row.phone_pin,
      settings: {
        waitingRoom: row.waiting_room,
        joinBeforeHost: row.join_before_host,
        muteOnEntry: row.mute_on_entry,
        cameraOffOnEntry: row.camera_off_on_entry,
        chat: row.chat_enabled,
        dialIn: row.dial_in_enabled,
        phonePin: row.phone_pin !== null,
        e2ee: row.e2ee,
        maxParticipants: row.max_participants,
      },
      reminderMinutes: row.reminder_minutes,
      status: row.status,
      firstStartAt: row.first_start_at,
      lastEndAt: row.last_end_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      cancelledAt: row.cancelled_at,
    }));
  }

  return {
    async numberTaken(number: string, trx: Executor = db): Promise<boolean> {
      const row = await trx
        .selectFrom('meetings')
        .select('id')
        .where('number', '=', number)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Inserts with a placeholder span; call refreshSpan once its occurrences exist. */
    async insert(input: NewMeeting, now: Date, trx: Executor = db): Promise<string> {
      const row = await trx
        .insertInto('meetings')
        .values({
          organisation_id: input.organisationId,
          host_user_id: input.hostUserId,
          created_by_user_id: input.createdByUserId,
          kind: input.kind,
          number: input.number,
          title: input.title,
          description: input.description,
          time_zone: input.timeZone,
          passcode: input.passcode,
          phone_pin: input.phonePin,
          ...settingsColumns(input.settings),
          reminder_minutes: input.reminderMinutes,
          first_start_at: now,
          last_end_at: now,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async findById(id: string, trx: Executor = db): Promise<MeetingRecord | undefined> {
      const row = await selectMeetings(trx).where('m.id', '=', id).executeTakeFirst();
      return row ? (await withCohosts([row], trx))[0] : undefined;
    },

    async findByNumber(number: string, trx: Executor = db): Promise<MeetingRecord | undefined> {
      const row = await selectMeetings(trx).where('m.number', '=', number).executeTakeFirst();
      return row ? (await withCohosts([row], trx))[0] : undefined;
    },

    /** Serialises changes to one meeting (sequence numbers, PINs) until the transaction ends. */
    async lock(id: string, trx: Executor): Promise<boolean> {
      const row = await trx
        .selectFrom('meetings')
        .select('id')
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      return row !== undefined;
    },

    async update(id: string, patch: MeetingPatch, now: Date, trx: Executor = db): Promise<void> {
      await trx
        .updateTable('meetings')
        .set({
          ...(patch.hostUserId !== undefined ? { host_user_id: patch.hostUserId } : {}),
          ...(patch.title !== undefined ? { title: patch.title } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
          ...(patch.passcode !== undefined ? { passcode: patch.passcode } : {}),
          ...(patch.phonePin !== undefined ? { phone_pin: patch.phonePin } : {}),
          ...(patch.reminderMinutes !== undefined ? { reminder_minutes: patch.reminderMinutes } : {}),
          ...(patch.settings ? settingsColumns(patch.settings) : {}),
          ...(patch.status !== undefined ? { status: patch.status } : {}),
          ...(patch.cancelledAt !== undefined ? { cancelled_at: patch.cancelledAt } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },

    async setCohosts(id: string, userIds: string[], trx: Executor = db): Promise<void> {
      await trx.deleteFrom('meeting_cohosts').where('meeting_id', '=', id).execute();
      if (userIds.length > 0) {
        await trx
          .insertInto('meeting_cohosts')
          .values(userIds.map((userId) => ({ meeting_id: id, user_id: userId })))
          .execute();
      }
    },

    /** Recomputes first start and last end from the occurrences (cancelled ones included). */
    async refreshSpan(id: string, trx: Executor = db): Promise<void> {
      await sql`update meetings set
          first_start_at = coalesce((select min(starts_at) from meeting_occurrences where meeting_id = ${id}), first_start_at),
          last_end_at = coalesce((select max(ends_at) from meeting_occurrences where meeting_id = ${id}), last_end_at)
        where id = ${id}`.execute(trx);
    },

    /** Claims the hourly "under attack" mail: true for the one caller that may send it now. */
    async claimAttackAlert(id: string, now: Date, notBefore: Date, trx: Executor = db): Promise<boolean> {
      const result = await trx
        .updateTable('meetings')
        .set({ attack_alerted_at: now })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('attack_alerted_at', 'is', null), eb('attack_alerted_at', '<', notBefore)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Retention: meetings whose last date ended (or that were cancelled) before the cutoff, with everything. */
    async deleteEndedBefore(cutoff: Date): Promise<number> {
      const result = await db
        .deleteFrom('meetings')
        .where((eb) => eb.or([eb('last_end_at', '<', cutoff), eb('cancelled_at', '<', cutoff)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type MeetingsRepo = ReturnType<typeof createMeetingsRepo>;
