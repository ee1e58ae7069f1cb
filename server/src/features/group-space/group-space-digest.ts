import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Language } from '../../db/schema.js';
import type { OutboxRepo } from '../../mail/outbox-repo.js';
import { renderGroupDigest } from '../../mail/templates-group-space.js';
import { generateToken, hashToken } from '../accounts/accounts-fns.js';
import type { Executor } from '../accounts/accounts-repo.js';
import type { SettingsService } from '../settings/settings-service.js';
import { digestCutoff, digestSelection, invitationKey, userKey } from './group-space-fns.js';

/** Messages quoted in one digest; the rest are counted. */
const SHOWN = 10;

export interface GroupDigestDeps {
  db: Database;
  outbox: Pick<OutboxRepo, 'insert'>;
  settings: Pick<SettingsService, 'get'>;
  baseUrl: string;
  now: () => Date;
}

/** One person due a digest of one series. */
interface Reader {
  kind: 'invitee' | 'host';
  /** Invitation id or user id. */
  id: string;
  email: string;
  name: string;
  language: Language;
  timeZone: string;
  meetingId: string;
  title: string;
  since: string;
}

/** Messages by others than `authorKey` after `since`, not removed, newest first. */
function newMessages(trx: Executor, meetingId: string, since: string, authorKey: string) {
  return trx
    .selectFrom('group_space_messages')
    .select(['seq', 'author_name', 'text', 'created_at'])
    .where('meeting_id', '=', meetingId)
    .where('deleted_at', 'is', null)
    .where(sql<boolean>`seq > ${since}::bigint`)
    .where('author_key', '<>', authorKey)
    .orderBy('seq', 'desc')
    .execute();
}

/** Active invitees of active series, in the space, digest on, none within the interval, with others' news. */
async function dueInvitees(db: Database, cutoff: Date): Promise<Reader[]> {
  const rows = await db
    .selectFrom('meeting_invitations as i')
    .innerJoin('meetings as m', 'm.id', 'i.meeting_id')
    .leftJoin('group_space_members as g', 'g.invitation_id', 'i.id')
    .select([
      'i.id',
      'i.email',
      'i.name',
      'i.language',
      'i.time_zone',
      'm.id as meeting_id',
      'm.title',
      sql<string>`coalesce(g.last_digest_seq, 0)::text`.as('since'),
    ])
    .where('i.status', '=', 'active')
    .where('m.kind', '=', 'series')
    .where('m.status', '=', 'active')
    .where((eb) => eb.or([eb('g.digest', 'is', null), eb('g.digest', '=', true)]))
    .where('g.removed_at', 'is', null)
    .where((eb) => eb.or([eb('g.last_digest_at', 'is', null), eb('g.last_digest_at', '<', cutoff)]))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('group_space_messages as x')
          .select('x.id')
          .whereRef('x.meeting_id', '=', 'm.id')
          .where('x.deleted_at', 'is', null)
          .where(sql<boolean>`x.seq > coalesce(g.last_digest_seq, 0)`)
          .where(sql<boolean>`x.author_key <> 'invitation:' || i.id::text`),
      ),
    )
    .execute();
  return rows.map((row) => ({
    kind: 'invitee',
    id: row.id,
    email: row.email,
    name: row.name,
    language: row.language,
    timeZone: row.time_zone,
    meetingId: row.meeting_id,
    title: row.title,
    since: row.since,
  }));
}

/** The host and co-hosts (active accounts) of active series, digest on, none within the interval, with news. */
async function dueHosts(db: Database, cutoff: Date): Promise<Reader[]> {
  const rows = await db
    .selectFrom('meetings as m')
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('meetings')
          .select(['id as meeting_id', 'host_user_id as user_id'])
          .where('host_user_id', 'is not', null)
          .union(eb.selectFrom('meeting_cohosts').select(['meeting_id', 'user_id']))
          .as('h'),
      (join) => join.onRef('h.meeting_id', '=', 'm.id'),
    )
    .innerJoin('users as u', 'u.id', 'h.user_id')
    .leftJoin('group_space_host_digests as g', (join) =>
      join.onRef('g.meeting_id', '=', 'm.id').onRef('g.user_id', '=', 'u.id'),
    )
    .select([
      'u.id',
      'u.email',
      'u.name',
      'u.language',
      'm.time_zone',
      'm.id as meeting_id',
      'm.title',
      sql<string>`coalesce(g.last_digest_seq, 0)::text`.as('since'),
    ])
    .where('u.status', '=', 'active')
    .where('m.kind', '=', 'series')
    .where('m.status', '=', 'active')
    .where((eb) => eb.or([eb('g.digest', 'is', null), eb('g.digest', '=', true)]))
    .where((eb) => eb.or([eb('g.last_digest_at', 'is', null), eb('g.last_digest_at', '<', cutoff)]))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('group_space_messages as x')
          .select('x.id')
          .whereRef('x.meeting_id', '=', 'm.id')
          .where('x.deleted_at', 'is', null)
          .where(sql<boolean>`x.seq > coalesce(g.last_digest_seq, 0)`)
          .where(sql<boolean>`x.author_key <> 'user:' || u.id::text`),
      ),
    )
    .execute();
  return rows.map((row) => ({
    kind: 'host',
    id: row.id,
    email: row.email,
    name: row.name,
    language: row.language,
    timeZone: row.time_zone,
    meetingId: row.meeting_id,
    title: row.title,
    since: row.since,
  }));
}

/** Records the digest (its opt-out token's hash and how far it went) for the next pass. */
async function recordDigest(
  trx: Executor,
  reader: Reader,
  values: { tokenHash: string; seq: number; at: Date },
) {
  const set = { digest_token_hash: values.tokenHash, last_digest_seq: values.seq, last_digest_at: values.at };
  if (reader.kind === 'invitee') {
    await trx
      .insertInto('group_space_members')
      .values({ invitation_id: reader.id, ...set })
      .onConflict((oc) => oc.column('invitation_id').doUpdateSet(set))
      .execute();
  } else {
    await trx
      .insertInto('group_space_host_digests')
      .values({ meeting_id: reader.meetingId, user_id: reader.id, ...set })
      .onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doUpdateSet(set))
      .execute();
  }
}

/**
 * One pass: every invitee and host of an active series with messages by others since their last digest, and no
 * digest within the configured number of days (setting `groupDigestDays`, default 1), gets one mail through the
 * outbox, in the same transaction that records it. Returns how many were queued.
 */
export async function sendGroupDigests(deps: GroupDigestDeps): Promise<number> {
  const now = deps.now();
  const settings = await deps.settings.get();
  const cutoff = digestCutoff(now, settings.groupDigestDays);
  const due = [...(await dueInvitees(deps.db, cutoff)), ...(await dueHosts(deps.db, cutoff))];

  let queued = 0;
  for (const reader of due) {
    await deps.db.transaction().execute(async (trx) => {
      const authorKey = reader.kind === 'invitee' ? invitationKey(reader.id) : userKey(reader.id);
      const messages = await newMessages(trx, reader.meetingId, reader.since, authorKey);
      const newest = messages[0];
      if (!newest) {
        return;
      }
      const token = generateToken();
      const { quoted, more } = digestSelection(messages, SHOWN);
      const rendered = renderGroupDigest(
        {
          name: reader.name,
          title: reader.title,
          messages: quoted.map((m) => ({ author: m.author_name, text: m.text, at: m.created_at })),
          moreMessages: more,
          timeZone: reader.timeZone,
          optOutUrl: `${deps.baseUrl}/gruppe/abbestellen#token=${token}`,
          ...(reader.kind === 'host'
            ? { hostSpaceUrl: `${deps.baseUrl}/treffen/${reader.meetingId}/gruppe` }
            : {}),
        },
        reader.language,
        { associationName: settings.associationName, privacyUrl: `${deps.baseUrl}/privacy` },
      );
      await deps.outbox.insert(
        { recipient: reader.email, template: 'group_digest', language: reader.language, ...rendered },
        now,
        trx,
      );
      await recordDigest(trx, reader, { tokenHash: hashToken(token), seq: Number(newest.seq), at: now });
      queued += 1;
    });
  }
  return queued;
}

/** The one-click opt-out from a digest mail (the token stands for one person's digest of one series). */
export async function stopGroupDigest(db: Database, token: string): Promise<boolean> {
  const hash = hashToken(token);
  const invitee = await db
    .updateTable('group_space_members')
    .set({ digest: false })
    .where('digest_token_hash', '=', hash)
    .executeTakeFirst();
  const host = await db
    .updateTable('group_space_host_digests')
    .set({ digest: false })
    .where('digest_token_hash', '=', hash)
    .executeTakeFirst();
  return Number(invitee.numUpdatedRows) + Number(host.numUpdatedRows) > 0;
}
