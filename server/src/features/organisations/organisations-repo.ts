import type { Database } from '../../db/database.js';
import { containsPattern } from '../accounts/accounts-fns.js';
import type { Executor } from '../accounts/accounts-repo.js';

export interface OrganisationRecord {
  id: string;
  name: string;
  contact: string;
  notes: string;
  status: 'active' | 'deactivated';
  /** Days chat and polls are kept; null: the platform's default. */
  chatRetentionDays: number | null;
  hostCount: number;
  createdAt: Date;
  updatedAt: Date;
  deactivatedAt: Date | null;
}

export interface OrganisationPatch {
  name?: string | undefined;
  contact?: string | undefined;
  notes?: string | undefined;
  chatRetentionDays?: number | null | undefined;
  status?: 'active' | 'deactivated';
  deactivatedAt?: Date | null;
}

export function createOrganisationsRepo(db: Database) {
  function selectWithCount(trx: Executor) {
    return trx
      .selectFrom('organisations as o')
      .selectAll('o')
      .select((eb) =>
        eb
          .selectFrom('organisation_members as m')
          .whereRef('m.organisation_id', '=', 'o.id')
          .select((c) => c.fn.countAll<string | number>().as('n'))
          .as('host_count'),
      );
  }

  type Row = Awaited<ReturnType<ReturnType<typeof selectWithCount>['executeTakeFirstOrThrow']>>;
  const toRecord = (row: Row): OrganisationRecord => ({
    id: row.id,
    name: row.name,
    contact: row.contact,
    notes: row.notes,
    status: row.status,
    chatRetentionDays: row.chat_retention_days,
    hostCount: Number(row.host_count ?? 0),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deactivatedAt: row.deactivated_at,
  });

  return {
    async insert(
      input: { name: string; contact: string; notes: string; chatRetentionDays?: number | null },
      now: Date,
      trx: Executor = db,
    ): Promise<string> {
      const { chatRetentionDays, ...fields } = input;
      const row = await trx
        .insertInto('organisations')
        .values({
          ...fields,
          chat_retention_days: chatRetentionDays ?? null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async findById(id: string, trx: Executor = db): Promise<OrganisationRecord | undefined> {
      const row = await selectWithCount(trx).where('o.id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    async update(id: string, patch: OrganisationPatch, now: Date, trx: Executor = db): Promise<boolean> {
      const result = await trx
        .updateTable('organisations')
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.contact !== undefined ? { contact: patch.contact } : {}),
          ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
          ...(patch.chatRetentionDays !== undefined ? { chat_retention_days: patch.chatRetentionDays } : {}),
          ...(patch.status !== undefined ? { status: patch.status } : {}),
          ...(patch.deactivatedAt !== undefined ? { deactivated_at: patch.deactivatedAt } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async list(
      filter: {
        search?: string | undefined;
        status?: 'active' | 'deactivated' | undefined;
        limit: number;
        offset: number;
      },
      trx: Executor = db,
    ): Promise<{ items: OrganisationRecord[]; total: number }> {
      let query = selectWithCount(trx);
      let count = trx
        .selectFrom('organisations as o')
        .select((eb) => eb.fn.countAll<string | number>().as('n'));
      if (filter.search) {
        const pattern = containsPattern(filter.search);
        query = query.where('o.name', 'ilike', pattern);
        count = count.where('o.name', 'ilike', pattern);
      }
      if (filter.status) {
        query = query.where('o.status', '=', filter.status);
        count = count.where('o.status', '=', filter.status);
      }
      const rows = await query
        .orderBy('o.name')
        .orderBy('o.id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      const total = await count.executeTakeFirstOrThrow();
      return { items: rows.map(toRecord), total: Number(total.n) };
    },

    /** Those of `ids` that exist and are active. */
    async activeIds(ids: string[], trx: Executor = db): Promise<string[]> {
      if (ids.length === 0) {
        return [];
      }
      const rows = await trx
        .selectFrom('organisations')
        .select('id')
        .where('id', 'in', ids)
        .where('status', '=', 'active')
        .execute();
      return rows.map((row) => row.id);
    },
  };
}

export type OrganisationsRepo = ReturnType<typeof createOrganisationsRepo>;
