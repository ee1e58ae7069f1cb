import type { Database } from '../../db/database.js';
import type { Executor } from '../accounts/accounts-repo.js';

/** Key/value rows of `instance_settings`; values are JSON. */
export function createSettingsRepo(db: Database) {
  return {
    async readAll(trx: Executor = db): Promise<Map<string, unknown>> {
      const rows = await trx.selectFrom('instance_settings').select(['key', 'value']).execute();
      return new Map(rows.map((row) => [row.key, row.value]));
    },

    async upsert(
      entries: Array<{ key: string; value: unknown }>,
      now: Date,
      trx: Executor = db,
    ): Promise<void> {
      for (const entry of entries) {
        const value = JSON.stringify(entry.value);
        await trx
          .insertInto('instance_settings')
          .values({ key: entry.key, value, updated_at: now })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
          .execute();
      }
    },
  };
}

export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
