import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { conflict } from '../../http/errors.js';
import type { AuditService } from '../audit/audit-service.js';
import type { OrganisationsRepo } from '../organisations/organisations-repo.js';
import { generateReadablePassword, generateToken, hashToken, oneTimeLink } from './accounts-fns.js';
import type { UsersRepo } from './accounts-repo.js';
import type { LinkLifetimes } from './auth-service.js';
import type { PasswordHasher } from './password-hasher.js';
import type { TokensRepo } from './tokens-repo.js';

export interface BootstrapDeps {
  db: Database;
  users: UsersRepo;
  tokens: TokensRepo;
  organisations: Pick<OrganisationsRepo, 'insert'>;
  passwords: PasswordHasher;
  audit: Pick<AuditService, 'record'>;
  baseUrl: string;
  now: () => Date;
  links: Pick<LinkLifetimes, 'setupMs'>;
}

export const demoAdminEmail = 'admin@treffpunkt.local';
// Arbitrary constant: one seeding node at a time when several start against one PostgreSQL.
const seedLockId = 7151999;

/** Creating the first platform admin: on the first embedded start, or from the command line in production. */
export function createBootstrapService(deps: BootstrapDeps) {
  return {
    /**
     * With no account yet: a platform admin with a random password and a demo organisation. Returns the
     * credentials to print once; only the password's hash is stored.
     */
    async seedDemo(): Promise<{ email: string; password: string } | undefined> {
      const password = generateReadablePassword();
      const passwordHash = await deps.passwords.hash(password);
      return deps.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${seedLockId})`.execute(trx);
        if ((await deps.users.count(trx)) > 0) {
          return undefined;
        }
        const now = deps.now();
        const admin = await deps.users.insert(
          {
            email: demoAdminEmail,
            name: 'Admin',
            role: 'platform_admin',
            status: 'active',
            language: 'de',
            passwordHash,
          },
          now,
          trx,
        );
        const organisationId = await deps.organisations.insert(
          { name: 'Demo-Selbsthilfegruppe', contact: '', notes: '' },
          now,
          trx,
        );
        await deps.audit.record(trx, 'system', {
          action: 'account.seeded',
          organisationId,
          target: { type: 'user', id: admin.id },
        });
        return { email: demoAdminEmail, password };
      });
    },

    /**
     * A platform admin who chooses a password through a one-time set-up link (returned, not mailed: the CLI
     * prints it). For an invitation not yet completed, a fresh link replaces the old one.
     */
    async createAdminWithLink(input: {
      email: string;
      name: string;
    }): Promise<{ link: string; expiresAt: Date }> {
      const token = generateToken();
      const now = deps.now();
      const expiresAt = new Date(now.getTime() + deps.links.setupMs);
      await deps.db.transaction().execute(async (trx) => {
        let user = await deps.users.findByEmail(input.email, trx);
        if (user && user.status !== 'invited') {
          throw conflict(
            'email_taken',
            'There is already an active or deactivated account with this email address.',
          );
        }
        user ??= await deps.users.insert(
          { email: input.email, name: input.name, role: 'platform_admin', status: 'invited', language: 'de' },
          now,
          trx,
        );
        await deps.users.update(user.id, { role: 'platform_admin' }, now, trx);
        await deps.tokens.deleteForUser(user.id, ['setup'], trx);
        await deps.tokens.insert(
          { tokenHash: hashToken(token), userId: user.id, purpose: 'setup', createdAt: now, expiresAt },
          trx,
        );
        await deps.audit.record(trx, 'system', {
          action: 'account.created_by_cli',
          target: { type: 'user', id: user.id },
        });
      });
      return { link: oneTimeLink(deps.baseUrl, '/account/setup', token), expiresAt };
    },
  };
}
