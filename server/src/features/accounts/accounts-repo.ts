import type { Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, Language, UserRole, UsersTable, UserStatus } from '../../db/schema.js';
import { containsPattern } from './accounts-fns.js';

export type Executor = Database | Transaction<DB>;

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  status: UserStatus;
  language: Language;
  passwordHash: string | null;
  totpSecret: string | null;
  totpPendingSecret: string | null;
  totpLastStep: number | null;
  createdAt: Date;
  updatedAt: Date;
  deactivatedAt: Date | null;
}

export interface MembershipRecord {
  id: string;
  name: string;
  status: 'active' | 'deactivated';
}

export function toUserRecord(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    language: row.language,
    passwordHash: row.password_hash,
    totpSecret: row.totp_secret,
    totpPendingSecret: row.totp_pending_secret,
    totpLastStep: row.totp_last_step,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deactivatedAt: row.deactivated_at,
  };
}

export interface NewUser {
  email: string;
  name: string;
  role: UserRole;
  status: UserStatus;
  language: Language;
  passwordHash?: string | null;
}

export type UserPatch = Partial<
  Pick<UserRecord, 'email' | 'name' | 'role' | 'status' | 'language' | 'passwordHash' | 'deactivatedAt'> &
    Pick<UserRecord, 'totpSecret' | 'totpPendingSecret' | 'totpLastStep'>
>;

export interface UserListFilter {
  search?: string | undefined;
  role?: UserRole | undefined;
  status?: UserStatus | undefined;
  organisationId?: string | undefined;
  limit: number;
  offset: number;
}

/** PostgreSQL's unique_violation, e.g. an email that is already taken. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

/** Users (platform admins and hosts) and their organisation memberships. */
export function createUsersRepo(db: Database) {
  return {
    async findById(id: string, trx: Executor = db): Promise<UserRecord | undefined> {
      const row = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toUserRecord(row);
    },

    async findByEmail(email: string, trx: Executor = db): Promise<UserRecord | undefined> {
      const row = await trx.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
      return row && toUserRecord(row);
    },

    async insert(user: NewUser, now: Date, trx: Executor = db): Promise<UserRecord> {
      const row = await trx
        .insertInto('users')
        .values({
          email: user.email,
          name: user.name,
          role: user.role,
          status: user.status,
          language: user.language,
          password_hash: user.passwordHash ?? null,
          totp_secret: null,
          totp_pending_secret: null,
          totp_last_step: null,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUserRecord(row);
    },

    async update(
      id: string,
      patch: UserPatch,
      now: Date,
      trx: Executor = db,
    ): Promise<UserRecord | undefined> {
      const row = await trx
        .updateTable('users')
        .set({
          ...(patch.email !== undefined ? { email: patch.email } : {}),
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.role !== undefined ? { role: patch.role } : {}),
          ...(patch.status !== undefined ? { status: patch.status } : {}),
          ...(patch.language !== undefined ? { language: patch.language } : {}),
          ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash } : {}),
          ...(patch.deactivatedAt !== undefined ? { deactivated_at: patch.deactivatedAt } : {}),
          ...(patch.totpSecret !== undefined ? { totp_secret: patch.totpSecret } : {}),
          ...(patch.totpPendingSecret !== undefined ? { totp_pending_secret: patch.totpPendingSecret } : {}),
          ...(patch.totpLastStep !== undefined ? { totp_last_step: patch.totpLastStep } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row && toUserRecord(row);
    },

    /**
     * Records a TOTP time step as used, only if it is newer than the last one: of two concurrent logins with
     * the same code, one wins.
     */
    async advanceTotpStep(id: string, step: number, trx: Executor = db): Promise<boolean> {
      const result = await trx
        .updateTable('users')
        .set({ totp_last_step: step })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async count(trx: Executor = db): Promise<number> {
      const row = await trx
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async list(filter: UserListFilter, trx: Executor = db): Promise<{ items: UserRecord[]; total: number }> {
      let query = trx.selectFrom('users');
      if (filter.search) {
        const pattern = containsPattern(filter.search);
        query = query.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('email', 'ilike', pattern)]));
      }
      if (filter.role) {
        query = query.where('role', '=', filter.role);
      }
      if (filter.status) {
        query = query.where('status', '=', filter.status);
      }
      if (filter.organisationId) {
        const organisationId = filter.organisationId;
        query = query.where('id', 'in', (eb) =>
          eb
            .selectFrom('organisation_members')
            .select('user_id')
            .where('organisation_id', '=', organisationId),
        );
      }
      // One after the other: a transaction (and PGlite) has a single connection.
      const rows = await query
        .selectAll()
        .orderBy('name')
        .orderBy('id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      const total = await query
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return { items: rows.map(toUserRecord), total: Number(total.n) };
    },

    /** Organisations of each user, active and deactivated, by name. */
    async membershipsOf(userIds: string[], trx: Executor = db): Promise<Map<string, MembershipRecord[]>> {
      const result = new Map<string, MembershipRecord[]>(userIds.map((id) => [id, []]));
      if (userIds.length === 0) {
        return result;
      }
      const rows = await trx
        .selectFrom('organisation_members as m')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .select(['m.user_id', 'o.id', 'o.name', 'o.status'])
        .where('m.user_id', 'in', userIds)
        .orderBy('o.name')
        .execute();
      for (const row of rows) {
        result.get(row.user_id)?.push({ id: row.id, name: row.name, status: row.status });
      }
      return result;
    },

    /** Replaces a user's memberships with exactly `organisationIds`. */
    async setMemberships(
      userId: string,
      organisationIds: string[],
      now: Date,
      trx: Executor = db,
    ): Promise<void> {
      await trx.deleteFrom('organisation_members').where('user_id', '=', userId).execute();
      if (organisationIds.length > 0) {
        await trx
          .insertInto('organisation_members')
          .values(
            organisationIds.map((organisationId) => ({
              organisation_id: organisationId,
              user_id: userId,
              created_at: now,
            })),
          )
          .execute();
      }
    },

    /** Deletes accounts, with their sessions, tokens and memberships (cascade). Audit entries keep a null actor. */
    async deleteStale(
      cutoffs: { deactivatedBefore: Date; invitedBefore: Date },
      trx: Executor = db,
    ): Promise<number> {
      const result = await trx
        .deleteFrom('users')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'deactivated'), eb('deactivated_at', '<', cutoffs.deactivatedBefore)]),
            eb.and([eb('status', '=', 'invited'), eb('updated_at', '<', cutoffs.invitedBefore)]),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
