import { describeError, scrubText, type Logger } from '../lib/logger.js';
import { backoffDelayMs, type BackoffPolicy } from './mail-fns.js';
import type { MailTransport } from './mail-transport.js';
import type { OutboxRecord, OutboxRepo } from './outbox-repo.js';

export interface OutboxWorkerPolicy extends BackoffPolicy {
  /** After this many attempts a mail is marked failed. */
  maxAttempts: number;
  /** How often the worker looks for due mail (retries included) without being woken. */
  pollIntervalMs: number;
  /** How long a claimed mail is reserved before another worker may take it over. */
  lockMs: number;
  batchSize: number;
}

export const defaultOutboxPolicy: OutboxWorkerPolicy = {
  maxAttempts: 8,
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60 * 1000,
  pollIntervalMs: 5_000,
  lockMs: 2 * 60 * 1000,
  batchSize: 10,
};

export interface OutboxWorkerDeps {
  repo: Pick<OutboxRepo, 'claimDue' | 'markSent' | 'markRetry' | 'markFailed'>;
  transport: MailTransport;
  from: string;
  logger: Logger;
  now: () => Date;
  policy?: Partial<OutboxWorkerPolicy>;
}

export interface OutboxWorker {
  /** Starts polling. */
  start(): void;
  /** Looks for due mail now, e.g. right after a transaction that queued some has committed. */
  wake: () => void;
  /** One pass; resolves when every claimed mail is sent or rescheduled. */
  runOnce(): Promise<{ sent: number; retried: number; failed: number }>;
  /** Stops polling, waits for the pass under way, closes the transport. Idempotent. */
  close(): Promise<void>;
}

/** An SMTP 5xx reply (unknown mailbox, rejected content) will not change by retrying; 4xx and network errors may. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Sends what the outbox holds, after the transactions that wrote it have committed. Failures are retried with
 * exponential backoff and marked failed after `maxAttempts`; nothing here ever blocks a request.
 * Logs carry the mail's id, template and attempt, never its address or content.
 */
export function createOutboxWorker(deps: OutboxWorkerDeps): OutboxWorker {
  const policy = { ...defaultOutboxPolicy, ...deps.policy };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  async function deliver(mail: OutboxRecord): Promise<'sent' | 'retried' | 'failed'> {
    const log = { mailId: mail.id, template: mail.template, attempt: mail.attempts };
    try {
      if (mail.textBody === null || mail.htmlBody === null) {
        throw new Error('mail has no body');
      }
      await deps.transport.send({
        from: deps.from,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.textBody,
        html: mail.htmlBody,
        ...(mail.attachments.length > 0 ? { attachments: mail.attachments } : {}),
      });
      await deps.repo.markSent(mail.id, deps.now());
      deps.logger.info(log, 'mail sent');
      return 'sent';
    } catch (error) {
      const reason = scrubText(describeError(error).message).slice(0, 500);
      if (mail.attempts >= policy.maxAttempts || isPermanent(error)) {
        await deps.repo.markFailed(mail.id, deps.now(), reason);
        deps.logger.error({ ...log, err: describeError(error) }, 'mail failed for good');
        return 'failed';
      }
      const next = new Date(deps.now().getTime() + backoffDelayMs(mail.attempts, policy));
      await deps.repo.markRetry(mail.id, next, reason);
      deps.logger.warn({ ...log, err: describeError(error) }, 'mail not sent; will retry');
      return 'retried';
    }
  }

  async function runOnce() {
    const counts = { sent: 0, retried: 0, failed: 0 };
    const now = deps.now();
    const batch = await deps.repo.claimDue(now, new Date(now.getTime() + policy.lockMs), policy.batchSize);
    for (const mail of batch) {
      counts[await deliver(mail)] += 1;
    }
    // A full batch means there may be more waiting.
    if (batch.length === policy.batchSize) {
      again = true;
    }
    return counts;
  }

  /** Whether to run another pass: asked for while one ran, and not closed since. Resets the request. */
  function passAgain(): boolean {
    const value = again && !closed;
    again = false;
    return value;
  }

  function wake(): void {
    if (closed) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    again = false;
    running = (async () => {
      do {
        try {
          await runOnce();
        } catch (error) {
          deps.logger.error({ err: describeError(error) }, 'outbox pass failed');
        }
      } while (passAgain());
    })().finally(() => {
      running = undefined;
    });
  }

  let closing: Promise<void> | undefined;
  return {
    start() {
      if (timer || closed) {
        return;
      }
      timer = setInterval(wake, policy.pollIntervalMs);
      timer.unref();
      wake();
    },
    wake,
    runOnce,
    close() {
      closing ??= (async () => {
        closed = true;
        clearInterval(timer);
        await running;
        deps.transport.close();
      })();
      return closing;
    },
  };
}
