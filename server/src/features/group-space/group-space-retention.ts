import { describeError, type Logger } from '../../lib/logger.js';
import type { GroupSpaceRepo } from './group-space-repo.js';

/** Group space messages are kept 30 days after they were written (docs/privacy/retention.md). */
export const GROUP_MESSAGE_RETENTION_DAYS = 30;
const HOUR_MS = 60 * 60 * 1000;

/** Deletes old messages now and then hourly until closed. */
export function startGroupSpaceRetention(deps: {
  repo: Pick<GroupSpaceRepo, 'deleteCreatedBefore'>;
  now: () => Date;
  logger: Logger;
}): { runOnce(): Promise<number>; close(): void } {
  const runOnce = () =>
    deps.repo.deleteCreatedBefore(
      new Date(deps.now().getTime() - GROUP_MESSAGE_RETENTION_DAYS * 24 * HOUR_MS),
    );
  const run = () => {
    runOnce().catch((error: unknown) => {
      deps.logger.warn({ err: describeError(error) }, 'group space retention failed');
    });
  };
  run();
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return { runOnce, close: () => clearInterval(timer) };
}
