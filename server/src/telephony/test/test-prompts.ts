import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PromptLibrary } from '../prompt-catalog.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The spoken prompts built into a temporary folder as `npm run build` builds them (espeak-ng, sox), loaded. */
export async function buildTestPrompts(): Promise<PromptLibrary> {
  const dir = await mkdtemp(path.join(tmpdir(), 'prompts-'));
  await run('node', [path.join(root, 'scripts/build-prompts.mjs'), dir]);
  return PromptLibrary.load(dir);
}
