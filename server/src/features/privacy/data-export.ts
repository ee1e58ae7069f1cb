import type { Database } from '../../db/database.js';

/** Everything the server keeps about one account (GDPR Art. 15 access, Art. 20 portability), as JSON. */
export interface AccountDataExport {
  format: 'treffpunkt.account-export.v1';
  exportedAt: string;
  account: {
    name: string;
    email: string;
    language: string;
    role: string;
    status: string;
    secondFactor: boolean;
    createdAt: string;
  };
  organisations: Array<{ name: string; memberSince: string }>;
  sessions: Array<{ startedAt: string; lastSeenAt: string; expiresAt: string }>;
  meetings: Array<{
    title: string;
    meetingId: string;
    role: 'host' | 'cohost' | 'created';
    status: string;
    firstStart: string;
    lastEnd: string;
  }>;
  /** What this account did, from the audit log (which never holds field values, emails or addresses). */
  activity: Array<{ at: string; action: string; target: string | null }>;
  /** What is deliberately not included, so the reader knows it exists. */
  notIncluded: string[];
}

const iso = (date: Date) => date.toISOString();

/** Reads one account's data; secrets (password hash, second-factor seed, token hashes) are named, not shown. */
export async function exportAccountData(
  db: Database,
  userId: string,
  now: Date,
): Promise<AccountDataExport | undefined> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) {
    return undefined;
  }
  const organisations = await db
    .selectFrom('organisation_members as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['o.name', 'm.created_at'])
    .where('m.user_id', '=', userId)
    .orderBy('o.name')
    .execute();
  const sessions = await db
    .selectFrom('sessions')
    .select(['created_at', 'last_seen_at', 'expires_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  const meetings = await db
    .selectFrom('meetings as m')
    .leftJoin('meeting_cohosts as c', (join) =>
      join.onRef('c.meeting_id', '=', 'm.id').on('c.user_id', '=', userId),
    )
    .select([
      'm.title',
      'm.number',
      'm.status',
      'm.first_start_at',
      'm.last_end_at',
      'm.host_user_id',
      'c.user_id',
    ])
    .where((eb) =>
      eb.or([
        eb('m.host_user_id', '=', userId),
        eb('c.user_id', '=', userId),
        eb('m.created_by_user_id', '=', userId),
      ]),
    )
    .orderBy('m.first_start_at')
    .execute();
  const activity = await db
    .selectFrom('audit_log')
    .select(['at', 'action', 'target_type', 'target_id'])
    .where('actor_user_id', '=', userId)
    .orderBy('at')
    .limit(10_000)
    .execute();
  return {
    format: 'treffpunkt.account-export.v1',
    exportedAt: iso(now),
    account: {
      name: user.name,
      email: user.email,
      language: user.language,
      role: user.role,
      status: user.status,
      secondFactor: user.totp_secret !== null,
      createdAt: iso(user.created_at),
    },
    organisations: organisations.map((o) => ({ name: o.name, memberSince: iso(o.created_at) })),
    sessions: sessions.map((s) => ({
      startedAt: iso(s.created_at),
      lastSeenAt: iso(s.last_seen_at),
      expiresAt: iso(s.expires_at),
    })),
    meetings: meetings.map((m) => ({
      title: m.title,
      meetingId: m.number,
      role: m.host_user_id === userId ? 'host' : m.user_id === userId ? 'cohost' : 'created',
      status: m.status,
      firstStart: iso(m.first_start_at),
      lastEnd: iso(m.last_end_at),
    })),
    activity: activity.map((a) => ({
      at: iso(a.at),
      action: a.action,
      target: a.target_type && a.target_id ? `${a.target_type}:${a.target_id}` : null,
    })),
    notIncluded: [
      'password (stored only as an argon2id hash)',
      'second-factor seed and recovery codes (secrets)',
      'login and link tokens (stored only as hashes)',
      'invitees of your meetings (their own data; they can see it through their personal link)',
    ],
  };
}
