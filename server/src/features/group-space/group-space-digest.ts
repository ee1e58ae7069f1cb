import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { OutboxRepo } from '../../mail/outbox-repo.js';
import { renderGroupDigest } from '../../mail/templates-group-space.js';
import { generateToken, hashToken } from '../accounts/accounts-fns.js';
import type { SettingsService } from '../settings/settings-service.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Messages quoted in one digest; the rest are counted. */
const SHOWN = 10;

export interface GroupDigestDeps {
  db: Database;
  outbox: Pick<OutboxRepo, 'insert'>;
  settings: Pick<SettingsService, 'get'>;
  baseUrl: string;
  now: () => Date;
}

/**
 * One pass: every active invitee of an active series with messages by others since their last digest, and no
 * digest in the last 24 hours, gets one mail (through the outbox, in the same transaction that records it).
 * Returns how many were queued.
 */
export async function sendGroupDigests(deps: GroupDigestDeps): Promise<number> {
  const now = deps.now();
  const due = await deps.db
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
      sql<string>`coalesce(g.last_digest_seq, 0)`.as('since'),
    ])
    .where('i.status', '=', 'active')
    .where('m.kind', '=', 'series')
    .where('m.status', '=', 'active')
    .where((eb) => eb.or([eb('g.digest', 'is', null), eb('g.digest', '=', true)]))
    .where('g.removed_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('g.last_digest_at', 'is', null),
        eb('g.last_digest_at', '<', new Date(now.getTime() - DAY_MS)),
      ]),
    )
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

  let queued = 0;
  for (const reader of due) {
    await deps.db.transaction().execute(async (trx) => {
      const messages = await trx
        .selectFrom('group_space_messages')
        .select(['seq', 'author_name', 'text', 'created_at'])
        .where('meeting_id', '=', reader.meeting_id)
        .where('deleted_at', 'is', null)
        .where(sql<boolean>`seq > ${reader.since}`)
        .where('author_key', '<>', `invitation:${reader.id}`)
        .orderBy('seq', 'desc')
        .execute();
      const newest = messages[0];
      if (!newest) {
        return;
      }
      const token = generateToken();
      const settings = await deps.settings.get(trx);
      const rendered = renderGroupDigest(
        {
          name: reader.name,
          title: reader.title,
          messages: messages
            .slice(0, SHOWN)
            .reverse()
            .map((m) => ({ author: m.author_name, text: m.text, at: m.created_at })),
          moreMessages: Math.max(0, messages.length - SHOWN),
          timeZone: reader.time_zone,
          optOutUrl: `${deps.baseUrl}/gruppe/abbestellen#token=${token}`,
        },
        reader.language,
        { associationName: settings.associationName, privacyUrl: `${deps.baseUrl}/privacy` },
      );
      await deps.outbox.insert(
        { recipient: reader.email, template: 'group_digest', language: reader.language, ...rendered },
        now,
        trx,
      );
      const values = {
        digest_token_hash: hashToken(token),
        last_digest_seq: newest.seq,
        last_digest_at: now,
      };
      await trx
        .insertInto('group_space_members')
        .values({ invitation_id: reader.id, ...values })
        .onConflict((oc) => oc.column('invitation_id').doUpdateSet(values))
        .execute();
      queued += 1;
    });
  }
  return queued;
}

/** The one-click opt-out from a digest mail (the token stands for the invitee; a used link stays valid). */
export async function stopGroupDigest(db: Database, token: string): Promise<boolean> {
  const result = await db
    .updateTable('group_space_members')
    .set({ digest: false })
    .where('digest_token_hash', '=', hashToken(token))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
