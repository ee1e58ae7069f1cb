import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const VERSION = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_BYTES = 32;

/**
 * Encrypts secrets the server must read back (TOTP seeds cannot be hashed) with AES-256-GCM under the
 * instance's secret key, so that a copy of the database alone does not give away second factors. Values
 * written before encryption existed (no version prefix) are read as they are and sealed on their next write.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== SECRET_KEY_BYTES) {
      throw new RangeError(`The secret key must be ${SECRET_KEY_BYTES} bytes`);
    }
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return VERSION + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  /** Throws when the value was tampered with or sealed under another key. */
  open(sealed: string): string {
    if (!sealed.startsWith(VERSION)) {
      return sealed;
    }
    const raw = Buffer.from(sealed.slice(VERSION.length), 'base64url');
    const iv = raw.subarray(0, IV_BYTES);
    const tag = raw.subarray(raw.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }
}

/**
 * The instance's secret key: SECRET_KEY when set (required when several nodes share one database), else
 * `DATA_DIR/secret.key`, created once with owner-only permissions.
 */
export async function loadSecretKey(config: {
  secretKey: Buffer | undefined;
  dataDir: string;
}): Promise<Buffer> {
  if (config.secretKey) {
    return config.secretKey;
  }
  const file = path.join(config.dataDir, 'secret.key');
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
  }
  await mkdir(config.dataDir, { recursive: true });
  const key = randomBytes(SECRET_KEY_BYTES);
  try {
    await writeFile(file, key.toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
    }
    throw error;
  }
}
