import type { Database } from '../../db/database.js';
import type { Executor } from '../accounts/accounts-repo.js';
import type { AuditAction } from './audit-schemas.js';

export interface NewAuditEntry {
  at: Date;
  actorUserId: string | null;
  actorRole: 'platform_admin' | 'host' | 'system';
  action: AuditAction;
  organisationId?: string | null;
  target?: { type: string; id: string } | null;
  details?: Record<string, unknown>;
}

export interface AuditEntryRecord {
  id: string;
  at: Date;
  actor: { id: string; name: string } | null;
  actorRole: 'platform_admin' | 'host' | 'system';
  action: string;
  organisation: { id: string; name: string } | null;
  target: { type: string; id: string } | null;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  actorId?: string | undefined;
  organisationId?: string | undefined;
  actionPrefix?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  offset: number;
}

export function createAuditRepo(db: Database) {
  return {
    async insert(entry: NewAuditEntry, trx: Executor = db): Promise<void> {
      await trx
        .insertInto('audit_log')
        .values({
          at: entry.at,
          actor_user_id: entry.actorUserId,
          actor_role: entry.actorRole,
          action: entry.action,
          organisation_id: entry.organisationId ?? null,
          target_type: entry.target?.type ?? null,
          target_id: entry.target?.id ?? null,
          details: JSON.stringify(entry.details ?? {}),
        })
        .execute();
    },

    async list(
      filter: AuditFilter,
      trx: Executor = db,
    ): Promise<{ items: AuditEntryRecord[]; total: number }> {
      let query = trx
        .selectFrom('audit_log as a')
        .leftJoin('users as u', 'u.id', 'a.actor_user_id')
        .leftJoin('organisations as o', 'o.id', 'a.organisation_id');
      if (filter.actorId) {
        query = query.where('a.actor_user_id', '=', filter.actorId);
      }
      if (filter.organisationId) {
        query = query.where('a.organisation_id', '=', filter.organisationId);
      }
      if (filter.actionPrefix) {
        const prefix = filter.actionPrefix;
        query = query.where((eb) =>
          eb.or([eb('a.action', '=', prefix), eb('a.action', 'like', `${prefix.replace(/_/g, '\\_')}.%`)]),
        );
      }
      if (filter.from) {
        query = query.where('a.at', '>=', filter.from);
      }
      if (filter.to) {
        query = query.where('a.at', '<', filter.to);
      }
      const rows = await query
        .select([
          'a.id',
          'a.at',
          'a.actor_user_id',
          'a.actor_role',
          'a.action',
          'a.organisation_id',
          'a.target_type',
          'a.target_id',
          'a.details',
          'u.name as actor_name',
          'o.name as organisation_name',
        ])
        .orderBy('a.at', 'desc')
        .orderBy('a.id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      const total = await query
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return {
        items: rows.map((row) => ({
          id: row.id,
          at: row.at,
          actor:
            row.actor_user_id && row.actor_name !== null
              ? { id: row.actor_user_id, name: row.actor_name }
              : null,
          actorRole: row.actor_role,
          action: row.action,
          organisation:
            row.organisation_id && row.organisation_name !== null
              ? { id: row.organisation_id, name: row.organisation_name }
              : null,
          target: row.target_type && row.target_id ? { type: row.target_type, id: row.target_id } : null,
          details: row.details,
        })),
        total: Number(total.n),
      };
    },

    /** Retention: entries older than the cutoff. */
    async deleteBefore(cutoff: Date, trx: Executor = db): Promise<number> {
      const result = await trx.deleteFrom('audit_log').where('at', '<', cutoff).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
