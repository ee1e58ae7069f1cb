import type { Database } from '../db/database.js';
import type { Language, UserRole, UserStatus } from '../db/schema.js';
import { createUsersRepo } from '../features/accounts/accounts-repo.js';
import { createPasswordHasher } from '../features/accounts/password-hasher.js';
import { createOrganisationsRepo } from '../features/organisations/organisations-repo.js';

let sequence = 0;
const passwords = createPasswordHasher();
const defaultNow = new Date('2030-03-04T09:00:00Z');

export interface CreatedUser {
  id: string;
  email: string;
  name: string;
  password: string;
}

/** An organisation straight in the database. */
export async function createOrganisation(
  db: Database,
  input: { name?: string; status?: 'active' | 'deactivated'; now?: Date } = {},
): Promise<{ id: string; name: string }> {
  sequence += 1;
  const name = input.name ?? `Gruppe ${sequence}`;
  const repo = createOrganisationsRepo(db);
  const now = input.now ?? defaultNow;
  const id = await repo.insert({ name, contact: '', notes: '' }, now);
  if (input.status === 'deactivated') {
    await repo.update(id, { status: 'deactivated', deactivatedAt: now }, now);
  }
  return { id, name };
}

/** A user straight in the database, by default an active host with a password. */
export async function createUser(
  db: Database,
  input: {
    role?: UserRole;
    email?: string;
    name?: string;
    password?: string;
    status?: UserStatus;
    language?: Language;
    organisationIds?: string[];
    now?: Date;
  } = {},
): Promise<CreatedUser> {
  sequence += 1;
  const email = input.email ?? `user${sequence}@example.org`;
  const name = input.name ?? `Person ${sequence}`;
  const password = input.password ?? `correct horse ${sequence}`;
  const status = input.status ?? 'active';
  const now = input.now ?? defaultNow;
  const users = createUsersRepo(db);
  const user = await users.insert(
    {
      email,
      name,
      role: input.role ?? 'host',
      status,
      language: input.language ?? 'de',
      passwordHash: status === 'invited' ? null : await passwords.hash(password),
    },
    now,
  );
  if (status === 'deactivated') {
    await users.update(user.id, { deactivatedAt: now }, now);
  }
  await users.setMemberships(user.id, input.organisationIds ?? [], now);
  return { id: user.id, email, name, password };
}

/** The newest outbox mail to `recipient`, with the one-time token of its link if it has one. */
export async function lastMailTo(
  db: Database,
  recipient: string,
): Promise<
  | { id: string; template: string; subject: string; text: string; html: string; token: string | undefined }
  | undefined
> {
  const row = await db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('recipient', '=', recipient)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) {
    return undefined;
  }
  const text = row.text_body ?? '';
  return {
    id: row.id,
    template: row.template,
    subject: row.subject,
    text,
    html: row.html_body ?? '',
    token: /#token=([A-Za-z0-9_-]+)/.exec(text)?.[1],
  };
}

/** Every outbox mail to `recipient`, oldest first, with its attachments (an invitation's .ics). */
export async function mailsTo(
  db: Database,
  recipient: string,
): Promise<
  Array<{
    id: string;
    template: string;
    subject: string;
    text: string;
    html: string;
    attachments: Array<{ filename: string; contentType: string; content: string }>;
  }>
> {
  const rows = await db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('recipient', '=', recipient)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    template: row.template,
    subject: row.subject,
    text: row.text_body ?? '',
    html: row.html_body ?? '',
    attachments: row.attachments ?? [],
  }));
}

/** The personal join token of a meeting mail's link (`/j/<token>`), if it has one. */
export const joinTokenIn = (text: string): string | undefined => /\/j\/([A-Za-z0-9_-]{20,})/.exec(text)?.[1];
