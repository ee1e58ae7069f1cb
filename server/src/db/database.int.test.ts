import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/test-database.js';
import { openDatabase } from './database.js';
import { migrate } from './migrate.js';

describe('embedded PGlite on disk (smoke test, always PGlite)', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('migrates once, keeps data across a reopen, and re-running migrations is a no-op', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tp-pglite-'));
    dirs.push(dataDir);
    const first = await openDatabase({ dataDir });
    expect(first.kind).toBe('pglite');
    expect((await migrate(first.db)).applied).toContain('0001_foundation.sql');
    await first.db
      .insertInto('instance_settings')
      .values({ key: 'association_name', value: JSON.stringify('Selbsthilfe Berlin') })
      .execute();
    await first.close();

    const second = await openDatabase({ dataDir });
    expect((await migrate(second.db)).applied).toEqual([]);
    const row = await second.db.selectFrom('instance_settings').selectAll().executeTakeFirstOrThrow();
    expect(row.value).toBe('Selbsthilfe Berlin');
    await second.close();
  });

  it('rolls a failed transaction back', async () => {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrate(handle.db);
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await trx.insertInto('instance_settings').values({ key: 'a', value: '1' }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const count = await sql<{ n: number }>`select count(*)::int as n from instance_settings`.execute(
      handle.db,
    );
    expect(count.rows[0]?.n).toBe(0);
    await handle.close();
  });
});

describe('test database (PostgreSQL when TEST_DATABASE_URL is set)', () => {
  it('serialises concurrent transactions without losing writes', async () => {
    const handle = await createTestDatabase();
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        handle.db.transaction().execute((trx) =>
          trx
            .insertInto('instance_settings')
            .values({ key: `k${index}`, value: String(index) })
            .execute(),
        ),
      ),
    );
    const rows = await handle.db.selectFrom('instance_settings').select('key').execute();
    expect(rows).toHaveLength(20);
    await handle.close();
  });
});
