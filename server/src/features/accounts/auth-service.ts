import type { Database } from '../../db/database.js';
import type { Language, UserRole } from '../../db/schema.js';
import { AppError, badRequest } from '../../http/errors.js';
import type { Mailer } from '../../mail/mail-service.js';
import type { AuditService } from '../audit/audit-service.js';
import {
  deriveCsrfToken,
  generateToken,
  hashToken,
  needsTouch,
  oneTimeLink,
  passwordProblem,
  sessionState,
  type SessionPolicy,
} from './accounts-fns.js';
import type { Executor, UserRecord, UsersRepo } from './accounts-repo.js';
import type { MeResponse } from './accounts-schemas.js';
import { throttle, type AuthLimits } from './auth-limits.js';
import type { PasswordHasher } from './password-hasher.js';
import type { SessionsRepo } from './sessions-repo.js';
import type { TokensRepo } from './tokens-repo.js';
import type { SecondFactorInput, TotpService } from './totp-service.js';

/** The logged-in user a request acts for. `organisations` holds only active ones. */
export interface Actor {
  userId: string;
  role: UserRole;
  name: string;
  email: string;
  language: Language;
  totpEnabled: boolean;
  organisations: Array<{ id: string; name: string }>;
  sessionHash: string;
  /** The session's CSRF token, expected in `x-csrf-token` on state-changing requests. */
  csrfToken: string;
}

export interface LinkLifetimes {
  setupMs: number;
  resetMs: number;
  emailChangeMs: number;
}

export const defaultLinkLifetimes: LinkLifetimes = {
  setupMs: 72 * 60 * 60 * 1000,
  resetMs: 60 * 60 * 1000,
  emailChangeMs: 24 * 60 * 60 * 1000,
};

export interface AuthServiceDeps {
  db: Database;
  users: UsersRepo;
  sessions: SessionsRepo;
  tokens: TokensRepo;
  passwords: PasswordHasher;
  totp: Pick<TotpService, 'verifySecondFactor'>;
  audit: Pick<AuditService, 'record'>;
  mailer: Mailer;
  limits: AuthLimits;
  baseUrl: string;
  now: () => Date;
  sessionPolicy: SessionPolicy;
  links: LinkLifetimes;
}

/** Same status and body for an unknown email, a wrong password and an account that may not log in. */
export const invalidCredentials = () =>
  new AppError('invalid_credentials', 401, 'The email address or password is not correct.');
const invalidLink = () =>
  badRequest('invalid_link', 'This link is invalid, has already been used or has expired.');

export function createAuthService(deps: AuthServiceDeps) {
  /** Queues the set-up or reset link for `user`, replacing links of the same kind sent before. */
  async function queueLink(trx: Executor, user: UserRecord): Promise<void> {
    const now = deps.now();
    const setup = user.status === 'invited';
    const purpose = setup ? 'setup' : 'password_reset';
    const lifetime = setup ? deps.links.setupMs : deps.links.resetMs;
    const token = generateToken();
    await deps.tokens.deleteForUser(user.id, [purpose], trx);
    await deps.tokens.insert(
      {
        tokenHash: hashToken(token),
        userId: user.id,
        purpose,
        createdAt: now,
        expiresAt: new Date(now.getTime() + lifetime),
      },
      trx,
    );
    const link = oneTimeLink(deps.baseUrl, setup ? '/account/setup' : '/account/reset', token);
    await deps.mailer.enqueue(trx, {
      to: user.email,
      language: user.language,
      content: setup
        ? {
            template: 'account_setup',
            name: user.name,
            link,
            expiresInHours: Math.round(lifetime / 3_600_000),
          }
        : {
            template: 'password_reset',
            name: user.name,
            link,
            expiresInMinutes: Math.round(lifetime / 60_000),
          },
    });
  }

  /** Consumes a one-time link and sets the password; shared by set-up and reset. Does not log in. */
  async function setPasswordWithLink(
    purpose: 'setup' | 'password_reset',
    token: string,
    password: string,
    source: string,
  ) {
    throttle([deps.limits.tokenSource, source]);
    const passwordHash = await deps.passwords.hash(password);
    const email = await deps.db.transaction().execute(async (trx) => {
      const now = deps.now();
      const used = await deps.tokens.consume(hashToken(token), purpose, now, trx);
      const user = used && (await deps.users.findById(used.userId, trx));
      if (!user || user.status === 'deactivated' || (purpose === 'setup') !== (user.status === 'invited')) {
        throw invalidLink();
      }
      // Throwing here rolls the transaction back, so the link stays usable for a better password.
      const problem = passwordProblem(password, user.email);
      if (problem) {
        throw badRequest(problem, 'The password must not contain your email address.');
      }
      await deps.users.update(user.id, { passwordHash, status: 'active' }, now, trx);
      await deps.tokens.deleteForUser(user.id, ['setup', 'password_reset'], trx);
      // A reset means the old password may be known to someone: every session ends.
      await deps.sessions.deleteForUser(user.id, {}, trx);
      const actor = { userId: user.id, role: user.role };
      await deps.audit.record(trx, actor, {
        action: purpose === 'setup' ? 'auth.setup_completed' : 'auth.password_reset',
        target: { type: 'user', id: user.id },
      });
      if (purpose === 'password_reset') {
        await deps.mailer.enqueue(trx, {
          to: user.email,
          language: user.language,
          content: { template: 'password_changed', name: user.name },
        });
      }
      return user.email;
    });
    deps.mailer.flush();
    return { email };
  }

  return {
    queueLink,

    async login(
      input: { email: string; password: string } & SecondFactorInput,
      source: string,
    ): Promise<{ token: string; expiresAt: Date; userId: string }> {
      throttle([deps.limits.loginAccount, input.email], [deps.limits.loginSource, source]);
      const user = await deps.users.findByEmail(input.email);
      // Always one argon2 verification, against a dummy hash when there is no account, so timing tells nothing.
      const passwordOk = await deps.passwords.verify(user?.passwordHash ?? null, input.password);
      if (!user || !passwordOk || user.status !== 'active') {
        throw invalidCredentials();
      }
      if (user.totpSecret && !input.totpCode && !input.recoveryCode) {
        throw new AppError(
          'second_factor_required',
          401,
          'Please enter the code from your authenticator app.',
        );
      }
      const token = generateToken();
      const now = deps.now();
      const expiresAt = new Date(now.getTime() + deps.sessionPolicy.absoluteMs);
      await deps.db.transaction().execute(async (trx) => {
        if (!(await deps.totp.verifySecondFactor(trx, user, input))) {
          throw new AppError('invalid_second_factor', 401, 'The code is not correct.');
        }
        await deps.sessions.insert(
          { idHash: hashToken(token), userId: user.id, createdAt: now, lastSeenAt: now, expiresAt },
          trx,
        );
        await deps.audit.record(
          trx,
          { userId: user.id, role: user.role },
          { action: 'auth.login', target: { type: 'user', id: user.id } },
        );
      });
      deps.limits.loginAccount.reset(input.email);
      return { token, expiresAt, userId: user.id };
    },

    /** The actor behind a session cookie, or undefined if the session is unknown, expired or its user inactive. */
    async authenticate(sessionToken: string): Promise<Actor | undefined> {
      const idHash = hashToken(sessionToken);
      const found = await deps.sessions.findWithUser(idHash);
      if (!found) {
        return undefined;
      }
      const now = deps.now();
      if (
        sessionState(found.session, now, deps.sessionPolicy) !== 'valid' ||
        found.user.status !== 'active'
      ) {
        await deps.sessions.delete(idHash);
        return undefined;
      }
      if (needsTouch(found.session, now, deps.sessionPolicy)) {
        await deps.sessions.touch(idHash, now);
      }
      const memberships = (await deps.users.membershipsOf([found.user.id])).get(found.user.id) ?? [];
      const { user } = found;
      return {
        userId: user.id,
        role: user.role,
        name: user.name,
        email: user.email,
        language: user.language,
        totpEnabled: user.totpSecret !== null,
        organisations: memberships.filter((m) => m.status === 'active').map(({ id, name }) => ({ id, name })),
        sessionHash: idHash,
        csrfToken: deriveCsrfToken(sessionToken),
      };
    },

    me(actor: Actor, requireAdminTotp: boolean): MeResponse {
      return {
        user: {
          id: actor.userId,
          name: actor.name,
          email: actor.email,
          language: actor.language,
          role: actor.role,
          totpEnabled: actor.totpEnabled,
        },
        roles: [actor.role],
        organisations: actor.organisations,
        csrfToken: actor.csrfToken,
        totpEnrolmentRequired: requireAdminTotp && actor.role === 'platform_admin' && !actor.totpEnabled,
      };
    },

    async logout(sessionHash: string): Promise<void> {
      await deps.sessions.delete(sessionHash);
    },

    async logoutAll(actor: Actor): Promise<void> {
      await deps.db.transaction().execute(async (trx) => {
        const ended = await deps.sessions.deleteForUser(actor.userId, {}, trx);
        await deps.audit.record(trx, actor, {
          action: 'auth.logout_all',
          target: { type: 'user', id: actor.userId },
          details: { sessions: ended },
        });
      });
    },

    completeSetup: (input: { token: string; password: string }, source: string) =>
      setPasswordWithLink('setup', input.token, input.password, source),
    confirmPasswordReset: (input: { token: string; password: string }, source: string) =>
      setPasswordWithLink('password_reset', input.token, input.password, source),

    /** Always the same answer; a link is mailed only to an account that may use one. */
    async requestPasswordReset(input: { email: string }, source: string): Promise<void> {
      throttle([deps.limits.mailAccount, input.email], [deps.limits.mailSource, source]);
      const user = await deps.users.findByEmail(input.email);
      if (!user || user.status === 'deactivated') {
        return;
      }
      await deps.db.transaction().execute((trx) => queueLink(trx, user));
      deps.mailer.flush();
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
