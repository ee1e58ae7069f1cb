// `npm run bench`: measures start-up, Janus recovery, echo-test set-up and bundle weight on this machine, on loopback only.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchParticipant } from '../e2e/support/browser.js';
import { freePort } from '../e2e/support/ports.js';
import { startServerProcess, type ServerProcess } from '../e2e/support/server-process.js';
import { toneFile } from '../e2e/support/tones.js';
import { bundleWeight } from './bundle-weight.js';
import { benchBandwidth, benchJoin, benchPageWeight } from './live-meeting.js';
import { summary } from './stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 10);

async function startFresh(): Promise<{ server: ServerProcess; ms: number; dir: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tp-bench-'));
  const started = performance.now();
  const server = await startServerProcess({
    PORT: String(await freePort()),
    DATA_DIR: path.join(dir, 'data'),
    ICE_ENFORCE_LIST: 'lo',
    RTP_PORT_RANGE: '42000-42999',
    SEED_DEMO: 'false',
  });
  return { server, ms: performance.now() - started, dir };
}

async function healthy(url: string): Promise<boolean> {
  const response = await fetch(`${url}/healthz`).catch(() => undefined);
  return response?.status === 200;
}

async function measureJanusRecovery(server: ServerProcess): Promise<number> {
  const pid = Number(
    execFileSync('pgrep', ['-P', String(server.child.pid), '-x', 'janus'], { encoding: 'utf8' }).trim(),
  );
  const killed = performance.now();
  process.kill(pid, 'SIGKILL');
  while (await healthy(server.url)) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  while (!(await healthy(server.url))) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return performance.now() - killed;
}

async function measureEcho(url: string): Promise<{ connected: number; firstFrame: number }> {
  const participant = await launchParticipant({ audioFile: toneFile(440) });
  try {
    const { page } = participant;
    await page.goto(`${url}/test`);
    await page.getByRole('button', { name: 'Kamera und Mikrofon erlauben' }).click();
    await page.getByText('Kamera und Mikrofon sind bereit.').waitFor();
    const started = Date.now();
    await page.getByRole('button', { name: 'Echo-Test starten' }).click();
    await page.getByText('Verbunden – Sie sollten sich jetzt sehen und hören.').waitFor({ timeout: 20_000 });
    const connected = Date.now() - started;
    await page.waitForFunction(() => {
      const video = document.querySelector<HTMLVideoElement>('[data-testid="echo-video"]');
      return video !== null && video.videoWidth > 0;
    });
    return { connected, firstFrame: Date.now() - started };
  } finally {
    await participant.close();
  }
}

// A partial run (`npm run bench -- live`) keeps the other parts' last figures.
const previous = await readFile(path.join(root, 'bench/results/latest.json'), 'utf8').then(
  (text) => JSON.parse(text) as Record<string, unknown>,
  () => ({}),
);
const figures: Record<string, unknown> = {
  ...previous,
  date: new Date().toISOString(),
  cores: os.cpus().length,
};
console.log(`Treffpunkt benchmarks (${runs} runs where repeated, ${os.cpus().length} cores)\n`);

const weight = await bundleWeight(path.join(root, 'web/dist'));
figures.bundle = weight;
for (const [name, kib] of Object.entries(weight)) {
  console.log(`bundle ${name.padEnd(34)} ${kib.toFixed(1)} KiB gzip`);
}

async function coreFigures(): Promise<void> {
  const startups: number[] = [];
  const recoveries: number[] = [];
  const connects: number[] = [];
  const frames: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { server, ms, dir } = await startFresh();
    startups.push(ms);
    recoveries.push(await measureJanusRecovery(server));
    if (i === 0) {
      for (let j = 0; j < runs; j++) {
        const echo = await measureEcho(server.url);
        connects.push(echo.connected);
        frames.push(echo.firstFrame);
      }
    }
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
  figures.coldStartMs = startups;
  figures.janusRecoveryMs = recoveries;
  figures.echoConnectedMs = connects;
  figures.echoFirstFrameMs = frames;
  console.log(`\ncold start to healthy (fresh data dir, migrations, Janus): ${summary(startups)}`);
  console.log(`Janus killed → /healthz up again:                          ${summary(recoveries)}`);
  console.log(`echo test: click → "Verbunden":                            ${summary(connects)}`);
  console.log(`echo test: click → first returned video frame:             ${summary(frames)}`);
}

async function liveFigures(): Promise<void> {
  const joined = await benchJoin(Number(process.env.BENCH_JOINS ?? 20));
  figures.liveJoin = joined;
  console.log(`\nmeeting: click "Beitreten" → first audible remote audio: ${String(joined.clickToAudioMs)}`);
  console.log(
    `meeting: signalling requests from click to audio:        ${String(joined.signallingRequests)}`,
  );
  const bandwidth = await benchBandwidth(Number(process.env.BENCH_SECONDS ?? 20));
  figures.liveBandwidth = bandwidth;
  console.log(`6-person room, downstream per participant, with video: ${String(bandwidth.kbpsWithVideo)}`);
  console.log(`6-person room, downstream per participant, audio only: ${String(bandwidth.kbpsAudioOnly)}`);
  const weightOfPages = await benchPageWeight();
  figures.livePages = weightOfPages;
  console.log(
    `JS+CSS loaded: join page ${weightOfPages.joinPageKiB?.toFixed(1)} KiB gzip, join page + meeting ${weightOfPages.joinAndMeetingKiB?.toFixed(1)} KiB gzip`,
  );
}

// `npm run bench` runs everything; `npm run bench -- live` (or `core`) one part.
const wanted = new Set(process.argv.slice(2));
const sections: Record<string, () => Promise<void>> = { core: coreFigures, live: liveFigures };
for (const [name, run] of Object.entries(sections)) {
  if (wanted.size === 0 || wanted.has(name)) {
    await run();
  }
}

await mkdir(path.join(root, 'bench/results'), { recursive: true });
await writeFile(path.join(root, 'bench/results/latest.json'), `${JSON.stringify(figures, null, 2)}\n`);
console.log('\nwritten to bench/results/latest.json');
