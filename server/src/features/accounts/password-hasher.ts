import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Whether `password` matches `passwordHash`; a null hash takes as long as a real check and fails. */
  verify(passwordHash: string | null, password: string): Promise<boolean>;
}

/**
 * argon2id (the library's default algorithm) with OWASP's minimum: 19 MiB, 2 passes, 1 lane. Unknown emails
 * and accounts without a password are checked against a dummy hash, so a login takes the same time either way.
 */
export function createPasswordHasher(
  options: { memoryCost: number; timeCost: number } = { memoryCost: 19_456, timeCost: 2 },
): PasswordHasher {
  const params = { ...options, parallelism: 1 };
  let dummy: Promise<string> | undefined;
  const dummyHash = () => (dummy ??= hash(randomBytes(16).toString('hex'), params));

  return {
    hash: (password) => hash(password, params),
    async verify(passwordHash, password) {
      if (passwordHash === null) {
        await verify(await dummyHash(), password);
        return false;
      }
      try {
        return await verify(passwordHash, password);
      } catch {
        // A malformed stored hash is a failed login, not a 500 that would tell the account apart.
        return false;
      }
    },
  };
}
