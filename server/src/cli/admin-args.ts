import { parseArgs } from 'node:util';
import { z } from 'zod';
import { emailSchema, nameSchema } from '../features/accounts/accounts-schemas.js';

export const adminUsage = `Usage: npm run admin -- create-admin --email <address> [--name <name>]

  create-admin   Creates a platform admin and prints a one-time set-up link (valid 72 hours).
                 Run again for a fresh link while the account has not been set up.
                 With the embedded database (no DATABASE_URL), stop the server first: PGlite
                 allows one process at a time. The first start (SEED_DEMO) already creates an admin.`;

const createAdminSchema = z.object({ email: emailSchema, name: nameSchema.default('Admin') });

export type AdminCommand = { command: 'create-admin'; email: string; name: string } | { command: 'help' };

/** Parses the admin CLI's arguments; throws an Error with a message for people on bad input. */
export function parseAdminArgs(argv: string[]): AdminCommand {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals.length === 0) {
    return { command: 'help' };
  }
  if (positionals[0] !== 'create-admin' || positionals.length > 1) {
    throw new Error(`Unknown command: ${positionals.join(' ')}`);
  }
  const parsed = createAdminSchema.safeParse({ email: values.email, name: values.name });
  if (!parsed.success) {
    throw new Error(
      `Invalid ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}: expected --email <address> [--name <name>]`,
    );
  }
  return { command: 'create-admin', ...parsed.data };
}
