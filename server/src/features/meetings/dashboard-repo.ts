import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, MeetingKind, OccurrenceStatus } from '../../db/schema.js';

/** Whose meetings a list shows: the user's own (host or co-host), some organisations', or all (admins). */
export type MeetingScope =
  { kind: 'mine'; userId: string } | { kind: 'organisations'; ids: string[] } | { kind: 'all' };

export interface MeetingRef {
  id: string;
  kind: MeetingKind;
  number: string;
  title: string;
  timeZone: string;
  status: 'active' | 'cancelled';
  organisation: { id: string; name: string };
  host: { id: string; name: string } | null;
}

export interface DashboardOccurrence {
  id: string;
  occurrenceKey: string;
  start: Date;
  end: Date;
  status: OccurrenceStatus;
  meeting: MeetingRef;
  /** Past occurrences only: what was written and chosen in the meeting, and how long it is kept. */
  records?: { chatMessages: number; polls: number; organisationRetentionDays: number | null };
}

export interface MeetingSummary extends MeetingRef {
  firstStartAt: Date;
  lastEndAt: Date;
  /** Start of the next occurrence that is not cancelled and has not ended. */
  nextStart: Date | null;
}

type Scoped = ExpressionBuilder<DB & { m: DB['meetings'] }, 'm'>;

function scopeFilter(scope: MeetingScope) {
  return (eb: Scoped) => {
    if (scope.kind === 'all') {
      return eb.lit(true);
    }
    if (scope.kind === 'organisations') {
      return scope.ids.length === 0 ? eb.lit(false) : eb('m.organisation_id', 'in', scope.ids);
    }
    return eb.or([
      eb('m.host_user_id', '=', scope.userId),
      eb.exists(
        eb
          .selectFrom('meeting_cohosts as c')
          .select('c.user_id')
          .whereRef('c.meeting_id', '=', 'm.id')
          .where('c.user_id', '=', scope.userId),
      ),
    ]);
  };
}

const refColumns = [
  'm.id as meeting_id',
  'm.kind',
  'm.number',
  'm.title',
  'm.time_zone',
  'm.status as meeting_status',
  'm.organisation_id',
  'o.name as organisation_name',
  'm.host_user_id',
  'h.name as host_name',
] as const;

interface RefRow {
  meeting_id: string;
  kind: MeetingKind;
  number: string;
  title: string;
  time_zone: string;
  meeting_status: 'active' | 'cancelled';
  organisation_id: string;
  organisation_name: string;
  host_user_id: string | null;
  host_name: string | null;
}

const toRef = (row: RefRow): MeetingRef => ({
  id: row.meeting_id,
  kind: row.kind,
  number: row.number,
  title: row.title,
  timeZone: row.time_zone,
  status: row.meeting_status,
  organisation: { id: row.organisation_id, name: row.organisation_name },
  host: row.host_user_id && row.host_name !== null ? { id: row.host_user_id, name: row.host_name } : null,
});

/** Read models of the host dashboard: occurrences (upcoming, past) and meetings or series. */
export function createDashboardRepo(db: Database) {
  return {
    /**
     * Upcoming: not ended yet, soonest first (cancelled dates included, marked). Past: ended, not cancelled,
     * newest first. Only occurrences of active meetings.
     */
    async occurrences(filter: {
      scope: MeetingScope;
      when: 'upcoming' | 'past';
      now: Date;
      limit: number;
      offset: number;
    }): Promise<{ items: DashboardOccurrence[]; total: number }> {
      const upcoming = filter.when === 'upcoming';
      const base = db
        .selectFrom('meeting_occurrences as x')
        .innerJoin('meetings as m', 'm.id', 'x.meeting_id')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .leftJoin('users as h', 'h.id', 'm.host_user_id')
        .where('m.status', '=', 'active')
        .where(scopeFilter(filter.scope))
        .where('x.ends_at', upcoming ? '>' : '<=', filter.now)
        .$if(!upcoming, (q) => q.where('x.status', '!=', 'cancelled'));
      const rows = await base
        .select([...refColumns, 'x.id', 'x.occurrence_key', 'x.starts_at', 'x.ends_at', 'x.status'])
        .select([
          'o.chat_retention_days',
          (eb) =>
            eb
              .selectFrom('chat_messages as c')
              .whereRef('c.occurrence_id', '=', 'x.id')
              .where('c.deleted_at', 'is', null)
              .select((c) => c.fn.countAll<string | number>().as('n'))
              .as('chat_messages'),
          (eb) =>
            eb
              .selectFrom('polls as p')
              .whereRef('p.occurrence_id', '=', 'x.id')
              .select((c) => c.fn.countAll<string | number>().as('n'))
              .as('polls'),
        ])
        .orderBy('x.starts_at', upcoming ? 'asc' : 'desc')
        .orderBy('x.id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      const total = await base
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return {
        items: rows.map((row) => ({
          id: row.id,
          occurrenceKey: row.occurrence_key,
          start: row.starts_at,
          end: row.ends_at,
          status: row.status,
          meeting: toRef(row),
          ...(upcoming
            ? {}
            : {
                records: {
                  chatMessages: Number(row.chat_messages ?? 0),
                  polls: Number(row.polls ?? 0),
                  organisationRetentionDays: row.chat_retention_days,
                },
              }),
        })),
        total: Number(total.n),
      };
    },

    /** Meetings or series: current ones (last date not over) soonest first, or past ones newest first. */
    async meetings(filter: {
      scope: MeetingScope;
      kind?: MeetingKind | undefined;
      when: 'current' | 'past';
      status: 'active' | 'cancelled';
      now: Date;
      limit: number;
      offset: number;
    }): Promise<{ items: MeetingSummary[]; total: number }> {
      const current = filter.when === 'current';
      const base = db
        .selectFrom('meetings as m')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .leftJoin('users as h', 'h.id', 'm.host_user_id')
        .where('m.status', '=', filter.status)
        .where(scopeFilter(filter.scope))
        .where('m.last_end_at', current ? '>' : '<=', filter.now)
        .$if(filter.kind !== undefined, (q) => q.where('m.kind', '=', filter.kind ?? 'single'));
      const rows = await base
        .select([...refColumns, 'm.first_start_at', 'm.last_end_at'])
        .select((eb) =>
          eb
            .selectFrom('meeting_occurrences as n')
            .select('n.starts_at')
            .whereRef('n.meeting_id', '=', 'm.id')
            .where('n.ends_at', '>', filter.now)
            .where('n.status', '!=', 'cancelled')
            .orderBy('n.starts_at')
            .limit(1)
            .as('next_start'),
        )
        .orderBy(current ? 'm.first_start_at' : 'm.last_end_at', current ? 'asc' : 'desc')
        .orderBy('m.id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      const total = await base
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return {
        items: rows.map((row) => ({
          ...toRef(row),
          firstStartAt: row.first_start_at,
          lastEndAt: row.last_end_at,
          nextStart: row.next_start ?? null,
        })),
        total: Number(total.n),
      };
    },
  };
}

export type DashboardRepo = ReturnType<typeof createDashboardRepo>;
