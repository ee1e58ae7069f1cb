import type { Database } from '../../db/database.js';
import type { Language, UserRole } from '../../db/schema.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import type { Mailer } from '../../mail/mail-service.js';
import type { AuditService } from '../audit/audit-service.js';
import type { OrganisationsRepo } from '../organisations/organisations-repo.js';
import {
  isUniqueViolation,
  type Executor,
  type MembershipRecord,
  type UserListFilter,
  type UserRecord,
  type UsersRepo,
} from './accounts-repo.js';
import type { Actor, AuthService } from './auth-service.js';
import type { SessionsRepo } from './sessions-repo.js';
import type { TokensRepo } from './tokens-repo.js';

export interface HostsServiceDeps {
  db: Database;
  users: UsersRepo;
  sessions: SessionsRepo;
  tokens: TokensRepo;
  organisations: Pick<OrganisationsRepo, 'activeIds'>;
  auth: Pick<AuthService, 'queueLink'>;
  audit: Pick<AuditService, 'record'>;
  mailer: Pick<Mailer, 'flush'>;
  defaultLanguage: () => Promise<Language>;
  now: () => Date;
}

export type HostView = UserRecord & { organisations: MembershipRecord[] };

/** Platform admins managing accounts: invite, assign to organisations, deactivate, send reset links. */
export function createHostsService(deps: HostsServiceDeps) {
  async function get(id: string, trx: Executor = deps.db): Promise<HostView> {
    const user = await deps.users.findById(id, trx);
    if (!user) {
      throw notFound('host');
    }
    const memberships = await deps.users.membershipsOf([id], trx);
    return { ...user, organisations: memberships.get(id) ?? [] };
  }

  /** Every id must name an active organisation; a host needs at least one. */
  async function checkOrganisations(role: UserRole, ids: string[], trx: Executor): Promise<void> {
    const active = await deps.organisations.activeIds(ids, trx);
    if (active.length !== ids.length) {
      throw badRequest('unknown_organisation', 'One of the organisations does not exist or is deactivated.');
    }
    if (role === 'host' && ids.length === 0) {
      throw badRequest('organisation_required', 'A host must belong to at least one organisation.');
    }
  }

  async function setStatus(actor: Actor, id: string, status: 'active' | 'deactivated'): Promise<HostView> {
    if (id === actor.userId) {
      throw conflict('cannot_change_own_status', 'You cannot deactivate your own account.');
    }
    await deps.db.transaction().execute(async (trx) => {
      const user = await get(id, trx);
      const now = deps.now();
      if ((status === 'deactivated') === (user.status === 'deactivated')) {
        throw conflict(`host_already_${status}`, `The account is already ${status}.`);
      }
      if (status === 'deactivated') {
        await deps.users.update(id, { status, deactivatedAt: now }, now, trx);
        // Ends every open session at once; `authenticate` also refuses inactive users, should one be in flight.
        await deps.sessions.deleteForUser(id, {}, trx);
        await deps.tokens.deleteForUser(id, ['setup', 'password_reset', 'email_change'], trx);
      } else {
        await deps.users.update(
          id,
          { status: user.passwordHash ? 'active' : 'invited', deactivatedAt: null },
          now,
          trx,
        );
      }
      await deps.audit.record(trx, actor, {
        action: status === 'deactivated' ? 'host.deactivated' : 'host.reactivated',
        target: { type: 'user', id },
      });
    });
    return get(id);
  }

  return {
    get,

    async list(filter: UserListFilter): Promise<{ items: HostView[]; total: number }> {
      const { items, total } = await deps.users.list(filter);
      const memberships = await deps.users.membershipsOf(items.map((user) => user.id));
      return {
        items: items.map((user) => ({ ...user, organisations: memberships.get(user.id) ?? [] })),
        total,
      };
    },

    async invite(
      actor: Actor,
      input: {
        email: string;
        name: string;
        language?: Language | undefined;
        role: UserRole;
        organisationIds: string[];
      },
    ): Promise<HostView> {
      const language = input.language ?? (await deps.defaultLanguage());
      try {
        const id = await deps.db.transaction().execute(async (trx) => {
          await checkOrganisations(input.role, input.organisationIds, trx);
          if (await deps.users.findByEmail(input.email, trx)) {
            throw conflict('email_taken', 'There is already an account with this email address.');
          }
          const now = deps.now();
          const user = await deps.users.insert(
            { email: input.email, name: input.name, role: input.role, status: 'invited', language },
            now,
            trx,
          );
          await deps.users.setMemberships(user.id, input.organisationIds, now, trx);
          await deps.auth.queueLink(trx, user);
          await deps.audit.record(trx, actor, {
            action: 'host.invited',
            organisationId: input.organisationIds.length === 1 ? input.organisationIds[0] : null,
            target: { type: 'user', id: user.id },
            details: { role: input.role, organisationIds: input.organisationIds },
          });
          return user.id;
        });
        deps.mailer.flush();
        return await get(id);
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw conflict('email_taken', 'There is already an account with this email address.');
        }
        throw error;
      }
    },

    async update(
      actor: Actor,
      id: string,
      patch: {
        name?: string | undefined;
        language?: Language | undefined;
        role?: UserRole | undefined;
        organisationIds?: string[] | undefined;
      },
    ): Promise<HostView> {
      if (id === actor.userId && patch.role !== undefined && patch.role !== actor.role) {
        throw conflict('cannot_change_own_role', 'You cannot change your own role.');
      }
      await deps.db.transaction().execute(async (trx) => {
        const user = await get(id, trx);
        const role = patch.role ?? user.role;
        const organisationIds =
          patch.organisationIds ?? user.organisations.filter((o) => o.status === 'active').map((o) => o.id);
        if (patch.organisationIds !== undefined || patch.role !== undefined) {
          await checkOrganisations(role, organisationIds, trx);
        }
        const now = deps.now();
        await deps.users.update(
          id,
          { name: patch.name, language: patch.language, role: patch.role },
          now,
          trx,
        );
        if (patch.organisationIds !== undefined) {
          await deps.users.setMemberships(id, patch.organisationIds, now, trx);
        }
        const fields = (['name', 'language', 'role', 'organisationIds'] as const).filter(
          (field) => patch[field] !== undefined,
        );
        await deps.audit.record(trx, actor, {
          action: 'host.updated',
          target: { type: 'user', id },
          details: { fields, ...(patch.organisationIds ? { organisationIds: patch.organisationIds } : {}) },
        });
      });
      return get(id);
    },

    deactivate: (actor: Actor, id: string) => setStatus(actor, id, 'deactivated'),
    reactivate: (actor: Actor, id: string) => setStatus(actor, id, 'active'),

    /** Switches off someone's second factor who lost both phone and recovery codes; their sessions end. */
    async resetSecondFactor(actor: Actor, id: string): Promise<HostView> {
      await deps.db.transaction().execute(async (trx) => {
        const user = await get(id, trx);
        if (!user.totpSecret) {
          throw conflict(
            'totp_not_enabled',
            'Two-factor authentication is not switched on for this account.',
          );
        }
        await deps.users.update(
          id,
          { totpSecret: null, totpPendingSecret: null, totpLastStep: null },
          deps.now(),
          trx,
        );
        await deps.tokens.replaceRecoveryCodes(id, [], trx);
        await deps.sessions.deleteForUser(id, {}, trx);
        await deps.audit.record(trx, actor, { action: 'host.totp_reset', target: { type: 'user', id } });
      });
      return get(id);
    },

    /** Mails a reset link, or a fresh set-up link to someone who never completed set-up. */
    async sendPasswordReset(actor: Actor, id: string): Promise<void> {
      await deps.db.transaction().execute(async (trx) => {
        const user = await get(id, trx);
        if (user.status === 'deactivated') {
          throw conflict('host_deactivated', 'The account is deactivated.');
        }
        // Touching the account restarts the clock after which unfinished invitations are deleted.
        await deps.users.update(id, {}, deps.now(), trx);
        await deps.auth.queueLink(trx, user);
        await deps.audit.record(trx, actor, {
          action: 'host.password_reset_sent',
          target: { type: 'user', id },
          details: { kind: user.status === 'invited' ? 'setup' : 'reset' },
        });
      });
      deps.mailer.flush();
    },
  };
}

export type HostsService = ReturnType<typeof createHostsService>;
