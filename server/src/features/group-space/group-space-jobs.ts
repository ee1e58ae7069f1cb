import { describeError, type Logger } from '../../lib/logger.js';
import { sendGroupDigests, type GroupDigestDeps } from './group-space-digest.js';
import type { GroupSpaceRepo } from './group-space-repo.js';

/** Group space messages are kept 30 days after they were written (docs/privacy/retention.md). */
export const GROUP_MESSAGE_RETENTION_DAYS = 30;
const HOUR_MS = 60 * 60 * 1000;

/** Deletes old messages and sends due digests, now and then hourly until closed. */
export function startGroupSpaceJobs(
  deps: GroupDigestDeps & { repo: Pick<GroupSpaceRepo, 'deleteCreatedBefore'>; logger: Logger },
): { runOnce(): Promise<{ deleted: number; digests: number }>; close(): void } {
  const runOnce = async () => ({
    deleted: await deps.repo.deleteCreatedBefore(
      new Date(deps.now().getTime() - GROUP_MESSAGE_RETENTION_DAYS * 24 * HOUR_MS),
    ),
    digests: await sendGroupDigests(deps),
  });
  const run = () => {
    runOnce().catch((error: unknown) => {
      deps.logger.warn({ err: describeError(error) }, 'group space jobs failed');
    });
  };
  run();
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return { runOnce, close: () => clearInterval(timer) };
}
