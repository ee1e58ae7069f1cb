import type { Database } from '../../db/database.js';
import { conflict, notFound } from '../../http/errors.js';
import type { UsersRepo } from '../accounts/accounts-repo.js';
import type { Actor } from '../accounts/auth-service.js';
import type { AuditService } from '../audit/audit-service.js';
import type { OrganisationPatch, OrganisationRecord, OrganisationsRepo } from './organisations-repo.js';

export interface OrganisationsServiceDeps {
  db: Database;
  repo: OrganisationsRepo;
  users: Pick<UsersRepo, 'list'>;
  audit: Pick<AuditService, 'record'>;
  now: () => Date;
}

/** Whether `actor` may see organisation `id`: platform admins any, hosts only their active ones. */
export function canSeeOrganisation(actor: Actor, id: string): boolean {
  return (
    actor.role === 'platform_admin' || actor.organisations.some((organisation) => organisation.id === id)
  );
}

export function createOrganisationsService(deps: OrganisationsServiceDeps) {
  async function getForAdmin(id: string): Promise<OrganisationRecord> {
    const organisation = await deps.repo.findById(id);
    if (!organisation) {
      throw notFound('organisation');
    }
    return organisation;
  }

  /** One of the actor's organisations; any other (or an inactive one) is "not found", never "forbidden". */
  async function getForMember(actor: Actor, id: string): Promise<OrganisationRecord> {
    const organisation = canSeeOrganisation(actor, id) ? await deps.repo.findById(id) : undefined;
    if (!organisation || organisation.status !== 'active') {
      throw notFound('organisation');
    }
    return organisation;
  }

  async function setStatus(
    actor: Actor,
    id: string,
    status: 'active' | 'deactivated',
  ): Promise<OrganisationRecord> {
    const current = await getForAdmin(id);
    if (current.status === status) {
      throw conflict(`organisation_already_${status}`, `The organisation is already ${status}.`);
    }
    await deps.db.transaction().execute(async (trx) => {
      const now = deps.now();
      await deps.repo.update(id, { status, deactivatedAt: status === 'deactivated' ? now : null }, now, trx);
      await deps.audit.record(trx, actor, {
        action: status === 'deactivated' ? 'organisation.deactivated' : 'organisation.reactivated',
        organisationId: id,
        target: { type: 'organisation', id },
      });
    });
    return getForAdmin(id);
  }

  return {
    list: (query: Parameters<OrganisationsRepo['list']>[0]) => deps.repo.list(query),
    getForAdmin,

    async create(
      actor: Actor,
      input: { name: string; contact: string; notes: string; chatRetentionDays?: number | null },
    ): Promise<OrganisationRecord> {
      const id = await deps.db.transaction().execute(async (trx) => {
        const created = await deps.repo.insert(input, deps.now(), trx);
        await deps.audit.record(trx, actor, {
          action: 'organisation.created',
          organisationId: created,
          target: { type: 'organisation', id: created },
        });
        return created;
      });
      return getForAdmin(id);
    },

    async update(actor: Actor, id: string, patch: OrganisationPatch): Promise<OrganisationRecord> {
      await getForAdmin(id);
      const fields = (['name', 'contact', 'notes', 'chatRetentionDays'] as const).filter(
        (field) => patch[field] !== undefined,
      );
      await deps.db.transaction().execute(async (trx) => {
        await deps.repo.update(
          id,
          {
            name: patch.name,
            contact: patch.contact,
            notes: patch.notes,
            chatRetentionDays: patch.chatRetentionDays,
          },
          deps.now(),
          trx,
        );
        await deps.audit.record(trx, actor, {
          action: 'organisation.updated',
          organisationId: id,
          target: { type: 'organisation', id },
          details: { fields },
        });
      });
      return getForAdmin(id);
    },

    deactivate: (actor: Actor, id: string) => setStatus(actor, id, 'deactivated'),
    reactivate: (actor: Actor, id: string) => setStatus(actor, id, 'active'),

    getForMember,

    /** Names of the active hosts of an organisation the actor may see. */
    async hostsOf(actor: Actor, id: string): Promise<Array<{ id: string; name: string }>> {
      await getForMember(actor, id);
      const { items } = await deps.users.list({
        organisationId: id,
        status: 'active',
        limit: 100,
        offset: 0,
      });
      return items.map((user) => ({ id: user.id, name: user.name }));
    },
  };
}

export type OrganisationsService = ReturnType<typeof createOrganisationsService>;
