import { ConfigError, loadConfig } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createUsersRepo } from '../features/accounts/accounts-repo.js';
import { defaultLinkLifetimes } from '../features/accounts/auth-service.js';
import { createBootstrapService } from '../features/accounts/bootstrap-service.js';
import { createPasswordHasher } from '../features/accounts/password-hasher.js';
import { createTokensRepo } from '../features/accounts/tokens-repo.js';
import { createAuditRepo } from '../features/audit/audit-repo.js';
import { createAuditService } from '../features/audit/audit-service.js';
import { createOrganisationsRepo } from '../features/organisations/organisations-repo.js';
import { adminUsage, parseAdminArgs } from './admin-args.js';

/**
 * `npm run admin -- create-admin --email …`: the first platform admin of a production instance (SEED_DEMO=false).
 * Uses the same configuration (DATABASE_URL, DATA_DIR, BASE_URL) as the server. The printed link is the only
 * copy of the token; nothing is mailed or logged.
 */
async function main(argv: string[]): Promise<number> {
  const command = parseAdminArgs(argv);
  if (command.command === 'help') {
    process.stdout.write(`${adminUsage}\n`);
    return 0;
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database.db);
    const db = database.db;
    const now = () => new Date();
    const bootstrap = createBootstrapService({
      db,
      users: createUsersRepo(db),
      tokens: createTokensRepo(db),
      organisations: createOrganisationsRepo(db),
      passwords: createPasswordHasher(),
      audit: createAuditService({ repo: createAuditRepo(db), now }),
      baseUrl: config.baseUrl ?? `http://localhost:${config.port}`,
      now,
      links: defaultLinkLifetimes,
    });
    const { link, expiresAt } = await bootstrap.createAdminWithLink({
      email: command.email,
      name: command.name,
    });
    process.stdout.write(
      `Platform admin created. Open this link to choose a password (valid until ${expiresAt.toISOString()}, once):\n\n  ${link}\n\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message}\n\n${adminUsage}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);
