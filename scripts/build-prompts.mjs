// Speaks the telephone menu's prompts (server/src/telephony/prompt-texts.json) with espeak-ng and converts them
// with sox to raw 8 kHz G.711 (A-law .pcma, µ-law .pcmu): <out>/<lang>/<id>.<codec>.
// Usage: node scripts/build-prompts.mjs [outDir]   (default server/dist/telephony/prompts)
// Without espeak-ng or sox it warns and leaves the prompts out; the server then refuses SIP_ENABLED=true.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const textsFile = path.join(root, 'server/src/telephony/prompt-texts.json');
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'server/dist/telephony/prompts'));
const voices = { de: 'de', en: 'en-gb' };

async function available(command) {
  try {
    await run(command, ['--version']);
    return true;
  } catch {
    return false;
  }
}

async function newer(file, than) {
  try {
    return (await stat(file)).mtimeMs >= than;
  } catch {
    return false;
  }
}

const texts = JSON.parse(await readFile(textsFile, 'utf8'));
const textsTime = (await stat(textsFile)).mtimeMs;
if (!(await available('espeak-ng')) || !(await available('sox'))) {
  console.warn(
    'build-prompts: espeak-ng or sox is missing; telephone prompts not built (apt-get install espeak-ng sox)',
  );
  process.exit(0);
}

const work = await mkdtemp(path.join(tmpdir(), 'treffpunkt-prompts-'));
const jobs = [];
for (const [id, byLang] of Object.entries(texts)) {
  for (const [lang, entry] of Object.entries(byLang)) {
    const { voice, text } = typeof entry === 'string' ? { voice: lang, text: entry } : entry;
    jobs.push({ id, lang, voice: voices[voice] ?? voice, text });
  }
}
let built = 0;
try {
  for (const job of jobs) {
    const dir = path.join(outDir, job.lang);
    const alaw = path.join(dir, `${job.id}.pcma`);
    const ulaw = path.join(dir, `${job.id}.pcmu`);
    // Unchanged texts keep their files: the build stays fast.
    if ((await newer(alaw, textsTime)) && (await newer(ulaw, textsTime))) {
      continue;
    }
    await mkdir(dir, { recursive: true });
    const wav = path.join(work, `${job.lang}-${job.id}.wav`);
    // -s 150: a little slower than the default, for older listeners on a narrowband line.
    await run('espeak-ng', ['-v', job.voice, '-s', '150', '-w', wav, job.text]);
    // 250 ms of silence after each prompt keeps sentences from running together when they are queued.
    const shape = ['rate', '-v', '8000', 'channels', '1', 'pad', '0', '0.25'];
    await run('sox', [wav, '-t', 'raw', '-e', 'a-law', '-b', '8', alaw, ...shape]);
    await run('sox', [wav, '-t', 'raw', '-e', 'u-law', '-b', '8', ulaw, ...shape]);
    built += 1;
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
console.log(
  `build-prompts: ${jobs.length} prompts in ${path.relative(root, outDir) || outDir} (${built} rebuilt)`,
);
