import type { Executor } from '../accounts/accounts-repo.js';
import type { AuditEntryRecord, AuditRepo } from './audit-repo.js';
import type { AuditAction, AuditQuery } from './audit-schemas.js';

/** Who acted: a logged-in user, or the system (CLI, first start). */
export type AuditActor = { userId: string; role: 'platform_admin' | 'host' } | 'system';

export interface AuditEvent {
  action: AuditAction;
  organisationId?: string | null;
  target?: { type: 'user' | 'organisation' | 'settings' | 'meeting' | 'invitation'; id: string } | null;
  /** Ids, counts and field names only: the log must not become a second copy of personal data. */
  details?: Record<string, unknown>;
}

export interface AuditServiceDeps {
  repo: AuditRepo;
  now: () => Date;
}

export function createAuditService(deps: AuditServiceDeps) {
  return {
    /** Writes an entry inside the caller's transaction, so that it exists exactly when the action does. */
    async record(trx: Executor, actor: AuditActor, event: AuditEvent): Promise<void> {
      await deps.repo.insert(
        {
          at: deps.now(),
          actorUserId: actor === 'system' ? null : actor.userId,
          actorRole: actor === 'system' ? 'system' : actor.role,
          action: event.action,
          organisationId: event.organisationId ?? null,
          target: event.target ?? null,
          details: event.details ?? {},
        },
        trx,
      );
    },

    list(query: AuditQuery): Promise<{ items: AuditEntryRecord[]; total: number }> {
      return deps.repo.list({
        actorId: query.actorId,
        organisationId: query.organisationId,
        actionPrefix: query.action,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        limit: query.limit,
        offset: query.offset,
      });
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
