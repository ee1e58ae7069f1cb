import type { Database } from '../../db/database.js';
import type { Logger } from '../../lib/logger.js';
import type { Executor } from '../accounts/accounts-repo.js';
import type { AuditActor, AuditService } from '../audit/audit-service.js';
import type { SettingsRepo } from './settings-repo.js';
import { defaultSettings, settingKeys, settingsSchema, type Settings } from './settings-schemas.js';

export interface SettingsServiceDeps {
  db: Database;
  repo: SettingsRepo;
  audit: Pick<AuditService, 'record'>;
  logger: Logger;
  now: () => Date;
}

export function createSettingsService(deps: SettingsServiceDeps) {
  const fields = Object.keys(settingKeys) as Array<keyof Settings>;

  async function get(trx: Executor = deps.db): Promise<Settings> {
    const stored = await deps.repo.readAll(trx);
    const settings: Record<string, unknown> = { ...defaultSettings };
    for (const field of fields) {
      const raw = stored.get(settingKeys[field]);
      if (raw === undefined) {
        continue;
      }
      // A value that no longer fits the schema (edited by hand, older version) falls back to its default.
      const parsed = settingsSchema.shape[field].safeParse(raw);
      if (parsed.success) {
        settings[field] = parsed.data;
      } else {
        deps.logger.warn({ setting: settingKeys[field] }, 'stored setting is invalid; using the default');
      }
    }
    return settings as Settings;
  }

  return {
    get,

    async update(actor: AuditActor, patch: Partial<Settings>): Promise<Settings> {
      const changed = fields.filter((field) => patch[field] !== undefined);
      await deps.db.transaction().execute(async (trx) => {
        await deps.repo.upsert(
          changed.map((field) => ({ key: settingKeys[field], value: patch[field] })),
          deps.now(),
          trx,
        );
        await deps.audit.record(trx, actor, {
          action: 'settings.updated',
          target: { type: 'settings', id: 'instance' },
          details: { fields: changed },
        });
      });
      return get();
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
