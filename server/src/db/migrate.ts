import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const fileNamePattern = /^(\d{4})_[a-z0-9_]+\.sql$/;

export interface MigrationResult {
  applied: string[];
}

/**
 * Applies the numbered SQL files in migrations/ that have not run yet, all pending ones in one transaction
 * (PostgreSQL DDL is transactional), recorded in `schema_migrations`. Safe to re-run; a lock keeps two starting nodes from racing.
 */
export async function migrate<T>(db: Kysely<T>, dir = migrationsDir): Promise<MigrationResult> {
  const files = (await readdir(dir)).filter((name) => fileNamePattern.test(name)).sort();
  await sql`create table if not exists schema_migrations (
      name text primary key,
      applied_at timestamptz not null default now()
    )`.execute(db);
  const applied: string[] = [];
  await db.transaction().execute(async (trx) => {
    // One migrator at a time across server nodes sharing one PostgreSQL.
    await sql`select pg_advisory_xact_lock(7151998)`.execute(trx);
    const done = await sql<{ name: string }>`select name from schema_migrations`.execute(trx);
    const doneNames = new Set(done.rows.map((row) => row.name));
    for (const name of files) {
      if (doneNames.has(name)) {
        continue;
      }
      const text = await readFile(path.join(dir, name), 'utf8');
      await sql.raw(text).execute(trx);
      await sql`insert into schema_migrations (name) values (${name})`.execute(trx);
      applied.push(name);
    }
  });
  return { applied };
}
