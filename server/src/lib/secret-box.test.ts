import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { loadSecretKey, SecretBox } from './secret-box.js';

const key = Buffer.alloc(32, 7);

describe('SecretBox', () => {
  it('seals so that only the same key opens, and detects tampering', () => {
    const box = new SecretBox(key);
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => new SecretBox(Buffer.alloc(32, 8)).open(sealed)).toThrow();
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    expect(() => box.open(flipped)).toThrow();
    expect(() => new SecretBox(Buffer.alloc(16))).toThrow(RangeError);
  });

  it('reads values stored before encryption as they are', () => {
    expect(new SecretBox(key).open('JBSWY3DPEHPK3PXP')).toBe('JBSWY3DPEHPK3PXP');
  });
});

describe('loadSecretKey', () => {
  it('creates one key in the data folder, readable by the owner only, and keeps it', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'tp-key-'));
    const first = await loadSecretKey({ secretKey: undefined, dataDir });
    expect(first).toHaveLength(32);
    const file = path.join(dataDir, 'secret.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(first.toString('base64url'));
    expect(await loadSecretKey({ secretKey: undefined, dataDir })).toEqual(first);
  });

  it('takes SECRET_KEY from the environment and refuses a malformed one', async () => {
    const config = loadConfig({ SECRET_KEY: key.toString('base64url') });
    expect(await loadSecretKey(config)).toEqual(key);
    expect(() => loadConfig({ SECRET_KEY: 'too-short' })).toThrow(/SECRET_KEY/);
  });
});
