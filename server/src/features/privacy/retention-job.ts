import { describeError, type Logger } from '../../lib/logger.js';
import type { OutboxRepo } from '../../mail/outbox-repo.js';
import type { UsersRepo } from '../accounts/accounts-repo.js';
import type { SessionsRepo } from '../accounts/sessions-repo.js';
import type { TokensRepo } from '../accounts/tokens-repo.js';
import type { AuditRepo } from '../audit/audit-repo.js';

const day = 24 * 60 * 60 * 1000;

/** How long each kind of personal data is kept. Documented in docs/privacy/retention.md — keep both in step. */
export interface RetentionPolicy {
  auditLogDays: number;
  outboxDays: number;
  deactivatedAccountDays: number;
  unfinishedInvitationDays: number;
  /** Idle timeout of sessions: one unused this long is deleted even before its absolute end. */
  sessionIdleMs: number;
}

export const defaultRetentionPolicy: Omit<RetentionPolicy, 'sessionIdleMs'> = {
  auditLogDays: 365,
  outboxDays: 30,
  deactivatedAccountDays: 90,
  unfinishedInvitationDays: 90,
};

export interface RetentionDeps {
  users: Pick<UsersRepo, 'deleteStale'>;
  sessions: Pick<SessionsRepo, 'deleteExpired'>;
  tokens: Pick<TokensRepo, 'deleteFinished'>;
  audit: Pick<AuditRepo, 'deleteBefore'>;
  outbox: Pick<OutboxRepo, 'deleteCreatedBefore'>;
  policy: RetentionPolicy;
  now: () => Date;
}

export type RetentionCounts = Record<'sessions' | 'tokens' | 'accounts' | 'auditEntries' | 'mails', number>;

/** One pass of every deletion rule. Each is a single idempotent statement, so a failed pass just runs again. */
export async function runRetention(deps: RetentionDeps): Promise<RetentionCounts> {
  const now = deps.now();
  const ago = (days: number) => new Date(now.getTime() - days * day);
  return {
    sessions: await deps.sessions.deleteExpired(now, deps.policy.sessionIdleMs),
    tokens: await deps.tokens.deleteFinished(now),
    accounts: await deps.users.deleteStale({
      deactivatedBefore: ago(deps.policy.deactivatedAccountDays),
      invitedBefore: ago(deps.policy.unfinishedInvitationDays),
    }),
    auditEntries: await deps.audit.deleteBefore(ago(deps.policy.auditLogDays)),
    mails: await deps.outbox.deleteCreatedBefore(ago(deps.policy.outboxDays)),
  };
}

/** Runs `runRetention` now and then every `intervalMs` (default hourly) until closed; passes never overlap. */
export function startRetentionJob(deps: RetentionDeps & { logger: Logger; intervalMs?: number }): {
  close(): Promise<void>;
} {
  let running: Promise<void> | undefined;
  let closed = false;
  const tick = () => {
    if (running || closed) {
      return;
    }
    running = runRetention(deps)
      .then((counts) => {
        if (Object.values(counts).some((count) => count > 0)) {
          deps.logger.info({ deleted: counts }, 'retention pass');
        }
      })
      .catch((error: unknown) => deps.logger.error({ err: describeError(error) }, 'retention pass failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, deps.intervalMs ?? 60 * 60 * 1000);
  timer.unref();
  tick();
  return {
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
