import type { Database } from '../../db/database.js';
import type { AccountTokenPurpose } from '../../db/schema.js';
import type { Executor } from './accounts-repo.js';

export interface NewAccountToken {
  tokenHash: string;
  userId: string;
  purpose: AccountTokenPurpose;
  newEmail?: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** One-time link tokens and second-factor recovery codes; both stored only as SHA-256. */
export function createTokensRepo(db: Database) {
  return {
    async insert(token: NewAccountToken, trx: Executor = db): Promise<void> {
      await trx
        .insertInto('account_tokens')
        .values({
          token_hash: token.tokenHash,
          user_id: token.userId,
          purpose: token.purpose,
          new_email: token.newEmail ?? null,
          created_at: token.createdAt,
          expires_at: token.expiresAt,
        })
        .execute();
    },

    /**
     * Marks a token used if it exists, has this purpose, is unused and unexpired — in one statement, so two
     * concurrent uses cannot both succeed.
     */
    async consume(
      tokenHash: string,
      purpose: AccountTokenPurpose,
      now: Date,
      trx: Executor = db,
    ): Promise<{ userId: string; newEmail: string | null } | undefined> {
      const row = await trx
        .updateTable('account_tokens')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning(['user_id', 'new_email'])
        .executeTakeFirst();
      return row && { userId: row.user_id, newEmail: row.new_email };
    },

    async deleteForUser(userId: string, purposes: AccountTokenPurpose[], trx: Executor = db): Promise<void> {
      await trx
        .deleteFrom('account_tokens')
        .where('user_id', '=', userId)
        .where('purpose', 'in', purposes)
        .execute();
    },

    /** Retention: used or expired tokens are of no further use. */
    async deleteFinished(now: Date, trx: Executor = db): Promise<number> {
      const result = await trx
        .deleteFrom('account_tokens')
        .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', now)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async replaceRecoveryCodes(userId: string, codeHashes: string[], trx: Executor = db): Promise<void> {
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      if (codeHashes.length > 0) {
        await trx
          .insertInto('recovery_codes')
          .values(codeHashes.map((codeHash) => ({ user_id: userId, code_hash: codeHash })))
          .execute();
      }
    },

    async consumeRecoveryCode(
      userId: string,
      codeHash: string,
      now: Date,
      trx: Executor = db,
    ): Promise<boolean> {
      const result = await trx
        .updateTable('recovery_codes')
        .set({ used_at: now })
        .where('user_id', '=', userId)
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async countUnusedRecoveryCodes(userId: string, trx: Executor = db): Promise<number> {
      const row = await trx
        .selectFrom('recovery_codes')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type TokensRepo = ReturnType<typeof createTokensRepo>;
