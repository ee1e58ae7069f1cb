import type { Database } from '../../db/database.js';
import type { Language } from '../../db/schema.js';
import { AppError, badRequest, conflict } from '../../http/errors.js';
import type { Mailer } from '../../mail/mail-service.js';
import type { AuditService } from '../audit/audit-service.js';
import { generateToken, hashToken, oneTimeLink, passwordProblem } from './accounts-fns.js';
import { isUniqueViolation, type UsersRepo } from './accounts-repo.js';
import { throttle, type AuthLimits } from './auth-limits.js';
import type { Actor, LinkLifetimes } from './auth-service.js';
import type { PasswordHasher } from './password-hasher.js';
import type { SessionsRepo } from './sessions-repo.js';
import type { TokensRepo } from './tokens-repo.js';

export interface ProfileServiceDeps {
  db: Database;
  users: UsersRepo;
  sessions: SessionsRepo;
  tokens: TokensRepo;
  passwords: PasswordHasher;
  audit: Pick<AuditService, 'record'>;
  mailer: Mailer;
  limits: Pick<AuthLimits, 'secondFactorUser' | 'mailAccount' | 'tokenSource'>;
  baseUrl: string;
  now: () => Date;
  links: Pick<LinkLifetimes, 'emailChangeMs'>;
}

const invalidPassword = () => new AppError('invalid_password', 401, 'The current password is not correct.');

/** The logged-in user's own account: name, language, email address, password. */
export function createProfileService(deps: ProfileServiceDeps) {
  /** Checks the current password, throttled per user so that a stolen session cannot guess it. */
  async function checkPassword(actor: Actor, password: string) {
    throttle([deps.limits.secondFactorUser, `password:${actor.userId}`]);
    const user = await deps.users.findById(actor.userId);
    if (!user || !(await deps.passwords.verify(user.passwordHash, password))) {
      throw invalidPassword();
    }
    return user;
  }

  return {
    async update(
      actor: Actor,
      patch: { name?: string | undefined; language?: Language | undefined },
    ): Promise<void> {
      const fields = (['name', 'language'] as const).filter((field) => patch[field] !== undefined);
      await deps.db.transaction().execute(async (trx) => {
        await deps.users.update(
          actor.userId,
          { name: patch.name, language: patch.language },
          deps.now(),
          trx,
        );
        await deps.audit.record(trx, actor, {
          action: 'profile.updated',
          target: { type: 'user', id: actor.userId },
          details: { fields },
        });
      });
    },

    /**
     * Mails a confirmation link to the new address and a notice to the old one. The address changes only
     * when the link is used. A taken address gets the same answer but no mail, so that this cannot be used
     * to find out who has an account.
     */
    async requestEmailChange(actor: Actor, input: { newEmail: string; password: string }): Promise<void> {
      const user = await checkPassword(actor, input.password);
      if (input.newEmail === user.email) {
        throw badRequest('email_unchanged', 'This is already your email address.');
      }
      throttle([deps.limits.mailAccount, `email-change:${actor.userId}`]);
      if (await deps.users.findByEmail(input.newEmail)) {
        return;
      }
      const token = generateToken();
      await deps.db.transaction().execute(async (trx) => {
        const now = deps.now();
        await deps.tokens.deleteForUser(user.id, ['email_change'], trx);
        await deps.tokens.insert(
          {
            tokenHash: hashToken(token),
            userId: user.id,
            purpose: 'email_change',
            newEmail: input.newEmail,
            createdAt: now,
            expiresAt: new Date(now.getTime() + deps.links.emailChangeMs),
          },
          trx,
        );
        const link = oneTimeLink(deps.baseUrl, '/account/email', token);
        const hours = Math.round(deps.links.emailChangeMs / 3_600_000);
        await deps.mailer.enqueue(trx, {
          to: input.newEmail,
          language: user.language,
          content: { template: 'email_change_confirm', name: user.name, link, expiresInHours: hours },
        });
        await deps.mailer.enqueue(trx, {
          to: user.email,
          language: user.language,
          content: { template: 'email_change_notice', name: user.name },
        });
        await deps.audit.record(trx, actor, {
          action: 'profile.email_change_requested',
          target: { type: 'user', id: user.id },
        });
      });
      deps.mailer.flush();
    },

    /** Opened from the link in the mail, possibly in another browser: no session needed. */
    async confirmEmailChange(input: { token: string }, source: string): Promise<void> {
      throttle([deps.limits.tokenSource, source]);
      try {
        await deps.db.transaction().execute(async (trx) => {
          const now = deps.now();
          const used = await deps.tokens.consume(hashToken(input.token), 'email_change', now, trx);
          const user = used && (await deps.users.findById(used.userId, trx));
          if (!used?.newEmail || !user || user.status === 'deactivated') {
            throw badRequest('invalid_link', 'This link is invalid, has already been used or has expired.');
          }
          await deps.users.update(user.id, { email: used.newEmail }, now, trx);
          await deps.audit.record(
            trx,
            { userId: user.id, role: user.role },
            { action: 'profile.email_changed', target: { type: 'user', id: user.id } },
          );
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw conflict('email_taken', 'This email address is already used by another account.');
        }
        throw error;
      }
    },

    /** Changes the password and ends every other session. */
    async changePassword(
      actor: Actor,
      input: { currentPassword: string; newPassword: string },
    ): Promise<void> {
      const user = await checkPassword(actor, input.currentPassword);
      const problem = passwordProblem(input.newPassword, user.email);
      if (problem) {
        throw badRequest(problem, 'The password must not contain your email address.');
      }
      const passwordHash = await deps.passwords.hash(input.newPassword);
      await deps.db.transaction().execute(async (trx) => {
        await deps.users.update(user.id, { passwordHash }, deps.now(), trx);
        await deps.sessions.deleteForUser(user.id, { except: actor.sessionHash }, trx);
        await deps.tokens.deleteForUser(user.id, ['password_reset'], trx);
        await deps.audit.record(trx, actor, {
          action: 'profile.password_changed',
          target: { type: 'user', id: user.id },
        });
        await deps.mailer.enqueue(trx, {
          to: user.email,
          language: user.language,
          content: { template: 'password_changed', name: user.name },
        });
      });
      deps.mailer.flush();
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
