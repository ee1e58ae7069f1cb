import { describeError, type Logger } from '../../lib/logger.js';
import type { SettingsService } from '../settings/settings-service.js';
import { sendGroupDigests, type GroupDigestDeps } from './group-space-digest.js';
import type { GroupSpaceRepo } from './group-space-repo.js';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Deletes messages older than their organisation's chat retention, or the platform's (setting
 * `chatRetentionDays`, default 30; docs/privacy/retention.md) and sends due digests, now and then hourly until closed. Passes never overlap.
 */
export function startGroupSpaceJobs(
  deps: GroupDigestDeps & {
    repo: Pick<GroupSpaceRepo, 'deleteExpired'>;
    settings: Pick<SettingsService, 'get'>;
    logger: Logger;
  },
): { runOnce(): Promise<{ deleted: number; digests: number }>; close(): void } {
  const runOnce = async () => {
    const { chatRetentionDays } = await deps.settings.get();
    return {
      deleted: await deps.repo.deleteExpired(deps.now(), chatRetentionDays),
      digests: await sendGroupDigests(deps),
    };
  };
  let running = false;
  const run = () => {
    if (running) {
      return;
    }
    running = true;
    runOnce()
      .catch((error: unknown) => {
        // Counts and error kinds only: never message text, names or addresses.
        deps.logger.warn({ err: describeError(error) }, 'group space jobs failed');
      })
      .finally(() => {
        running = false;
      });
  };
  run();
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return { runOnce, close: () => clearInterval(timer) };
}
