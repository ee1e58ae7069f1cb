import { generateSecret, generateURI, verify } from 'otplib';
import type { Database } from '../../db/database.js';
import { AppError, conflict } from '../../http/errors.js';
import type { AuditService } from '../audit/audit-service.js';
import type { SettingsService } from '../settings/settings-service.js';
import { generateRecoveryCodes, hashToken, normaliseRecoveryCode } from './accounts-fns.js';
import type { Executor, UserRecord, UsersRepo } from './accounts-repo.js';
import { throttle, type AuthLimits } from './auth-limits.js';
import type { Actor } from './auth-service.js';
import type { PasswordHasher } from './password-hasher.js';
import type { TokensRepo } from './tokens-repo.js';
import type { SecretBox } from '../../lib/secret-box.js';

export interface SecondFactorInput {
  totpCode?: string | undefined;
  recoveryCode?: string | undefined;
}

export interface TotpServiceDeps {
  db: Database;
  users: UsersRepo;
  tokens: TokensRepo;
  passwords: PasswordHasher;
  audit: Pick<AuditService, 'record'>;
  settings: Pick<SettingsService, 'get'>;
  limits: Pick<AuthLimits, 'secondFactorUser'>;
  /** TOTP seeds are stored sealed (they cannot be hashed: the server must compute codes from them). */
  secrets: SecretBox;
  now: () => Date;
}

const invalidPassword = () => new AppError('invalid_password', 401, 'The password is not correct.');
const invalidSecondFactor = () => new AppError('invalid_second_factor', 401, 'The code is not correct.');

/** The time step of `code` if it is valid now (±1 step for clock drift) and newer than the last one used. */
async function verifyTotp(
  secret: string,
  code: string,
  lastStep: number | null,
  now: Date,
): Promise<number | undefined> {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: 30,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  // The functional API returns TOTP's or HOTP's result type; only TOTP's carries the time step.
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}

/** Optional second factor: TOTP (RFC 6238) with single-use recovery codes stored as SHA-256. */
export function createTotpService(deps: TotpServiceDeps) {
  async function verifySecondFactor(
    trx: Executor,
    user: UserRecord,
    input: SecondFactorInput,
  ): Promise<boolean> {
    if (!user.totpSecret) {
      return true;
    }
    const now = deps.now();
    if (input.totpCode) {
      const step = await verifyTotp(
        deps.secrets.open(user.totpSecret),
        input.totpCode,
        user.totpLastStep,
        now,
      );
      return step !== undefined && (await deps.users.advanceTotpStep(user.id, step, trx));
    }
    if (input.recoveryCode) {
      const used = await deps.tokens.consumeRecoveryCode(
        user.id,
        hashToken(normaliseRecoveryCode(input.recoveryCode)),
        now,
        trx,
      );
      if (used) {
        await deps.audit.record(
          trx,
          { userId: user.id, role: user.role },
          { action: 'totp.recovery_code_used', target: { type: 'user', id: user.id } },
        );
      }
      return used;
    }
    return false;
  }

  return {
    /** Used by login, inside its transaction: consumes the step or recovery code it accepts. */
    verifySecondFactor,

    /**
     * Starts enrolment: a new secret, kept pending until a first code confirms the app has it. Needs the
     * password, so that a stolen session cannot lock the owner out; refused while a second factor is on
     * (switching it off needs a code), so that it cannot be replaced silently.
     */
    async enrol(
      actor: Actor,
      password: string,
      issuer: string,
    ): Promise<{ secret: string; otpauthUri: string }> {
      throttle([deps.limits.secondFactorUser, actor.userId]);
      const user = await deps.users.findById(actor.userId);
      if (!user || !(await deps.passwords.verify(user.passwordHash, password))) {
        throw invalidPassword();
      }
      if (user.totpSecret) {
        throw conflict('totp_already_enabled', 'Two-factor authentication is already switched on.');
      }
      const secret = generateSecret({ length: 20 });
      await deps.users.update(actor.userId, { totpPendingSecret: deps.secrets.seal(secret) }, deps.now());
      return { secret, otpauthUri: generateURI({ issuer, label: actor.email, secret }) };
    },

    /** Confirms enrolment with a code from the app; returns recovery codes, shown this once. */
    async confirm(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
      throttle([deps.limits.secondFactorUser, actor.userId]);
      const user = await deps.users.findById(actor.userId);
      if (!user?.totpPendingSecret) {
        throw conflict('totp_not_enrolling', 'Start setting up the authenticator app first.');
      }
      const step = await verifyTotp(deps.secrets.open(user.totpPendingSecret), code, null, deps.now());
      if (step === undefined) {
        throw invalidSecondFactor();
      }
      const recoveryCodes = generateRecoveryCodes();
      await deps.db.transaction().execute(async (trx) => {
        const now = deps.now();
        await deps.users.update(
          user.id,
          { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpLastStep: step },
          now,
          trx,
        );
        await deps.tokens.replaceRecoveryCodes(user.id, recoveryCodes.map(hashToken), trx);
        await deps.audit.record(trx, actor, {
          action: 'totp.enabled',
          target: { type: 'user', id: user.id },
        });
      });
      return { recoveryCodes };
    },

    /** Turns the second factor off; needs the password and a current code. Refused where policy requires it. */
    async disable(actor: Actor, input: { password: string } & SecondFactorInput): Promise<void> {
      throttle([deps.limits.secondFactorUser, actor.userId]);
      const user = await deps.users.findById(actor.userId);
      if (!user?.totpSecret) {
        throw conflict('totp_not_enabled', 'The second factor is not switched on.');
      }
      if (user.role === 'platform_admin' && (await deps.settings.get()).requireAdminTotp) {
        throw conflict('totp_required_by_policy', 'Platform admins must keep the second factor switched on.');
      }
      if (!(await deps.passwords.verify(user.passwordHash, input.password))) {
        throw invalidPassword();
      }
      await deps.db.transaction().execute(async (trx) => {
        if (!(await verifySecondFactor(trx, user, input))) {
          throw invalidSecondFactor();
        }
        await deps.users.update(
          user.id,
          { totpSecret: null, totpPendingSecret: null, totpLastStep: null },
          deps.now(),
          trx,
        );
        await deps.tokens.replaceRecoveryCodes(user.id, [], trx);
        await deps.audit.record(trx, actor, {
          action: 'totp.disabled',
          target: { type: 'user', id: user.id },
        });
      });
    },
  };
}

export type TotpService = ReturnType<typeof createTotpService>;
