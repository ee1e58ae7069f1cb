import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import type { DB } from './schema.js';

export type Database = Kysely<DB>;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Round trip to the database; throws if it is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL when a URL is given, otherwise embedded PGlite stored in `dataDir` (or in memory for `memory://`). */
export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle client whose server connection ends (restart, failover, DROP DATABASE … WITH (FORCE)) emits 'error' on
    // the pool; unhandled, that would crash the process. The pool discards the client and the next query reconnects.
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      ping: async () => {
        await sql`select 1`.execute(db);
      },
      close: () => db.destroy(),
    };
  }
  let pglite: PGlite;
  if (options.dataDir === 'memory://') {
    pglite = await PGlite.create();
  } else {
    const folder = path.join(options.dataDir, 'pglite');
    await mkdir(folder, { recursive: true });
    pglite = await PGlite.create(folder);
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
