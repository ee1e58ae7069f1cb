// `npm run bench`: measures bundle weight, start-up, Janus recovery, echo-test set-up and the live meeting (join time,
// signalling, downstream bandwidth, page weight) on this machine, on loopback only. `npm run bench -- join pages`
// runs only the named parts (bundle, core, join, bandwidth, pages; `live` = join, bandwidth and pages).
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
import { benchBandwidth, type RoomWindow } from './bandwidth-bench.js';
import { busyVideoFile } from './busy-video.js';
import { phoneFigures } from './dial-in.js';
import { benchJoin } from './join-bench.js';
import { load, machine } from './machine.js';
import { benchPageWeight } from './page-weight-bench.js';
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

// A partial run keeps the other parts' last figures.
const previous: Record<string, unknown> = await readFile(
  path.join(root, 'bench/results/latest.json'),
  'utf8',
).then(
  (text) => JSON.parse(text) as Record<string, unknown>,
  () => ({}),
);
const figures: Record<string, unknown> = { ...previous, date: new Date().toISOString(), machine: machine() };

async function bundleFigures(): Promise<void> {
  const weight = await bundleWeight(path.join(root, 'web/dist'));
  figures.bundle = weight;
  for (const [name, kib] of Object.entries(weight)) {
    console.log(`bundle ${name.padEnd(34)} ${kib.toFixed(1)} KiB gzip`);
  }
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
  console.log(`cold start to healthy (fresh data dir, migrations, Janus): ${summary(startups)}`);
  console.log(`Janus killed → /healthz up again:                          ${summary(recoveries)}`);
  console.log(`echo test: click → "Verbunden":                            ${summary(connects)}`);
  console.log(`echo test: click → first returned video frame:             ${summary(frames)}`);
}

async function joinFigures(): Promise<void> {
  const joined = await benchJoin(Number(process.env.BENCH_JOINS ?? 20));
  figures.join = joined;
  const phases = Object.entries(joined.phasesP50Ms)
    .map(([phase, ms]) => `${phase} ${ms}`)
    .join(', ');
  console.log(`meeting: click "Beitreten" → remote audio audible (analyser): ${joined.clickToAudibleMs}`);
  console.log(`meeting: same, by getStats audioLevel > 0.01 (cross-check):  ${joined.clickToStatsAudibleMs}`);
  console.log(`  phases after the click, p50 ms: ${phases}`);
  console.log(
    `  signalling round trips per join: ${joined.requestsPerJoin} ${JSON.stringify(joined.requestTypes)}`,
  );
  console.log(`  WebSocket connections per join: ${joined.socketsPerJoin}`);
  console.log(`  all messages sent until audible, p50: ${JSON.stringify(joined.messagesP50)}`);
  console.log(`  joins that never became audible (20 s): ${joined.failures.length} of ${joined.joins}`);
  for (const failure of joined.failures) {
    console.log(`    ${failure}`);
  }
}

function printWindow(label: string, window: RoomWindow): void {
  console.log(
    `6-person room, ${label}: downstream per participant ${window.kbps} payload, ${window.wireKbps} on the wire ` +
      `(audio p50 ${window.audioKbpsP50}, video p50 ${window.videoKbpsP50} kbit/s; load ${window.loadAverage.toFixed(1)})`,
  );
  console.log(
    `  video received: ${window.receivedVideo}; streams per person ${window.videoStreams.join(',')}`,
  );
  if (window.videoKbpsP50 > 0) {
    console.log(`  layers asked for: ${window.subscribed.join(' | ')}`);
    console.log(`  cameras sent (rid:width@fps,rate(limited by)): ${window.sentLayers.join(' | ')}`);
  }
}

async function bandwidthFigures(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 20);
  // BENCH_PICTURE=pattern: Chromium's own test pattern instead of the busy picture (compresses far better).
  const pattern = process.env.BENCH_PICTURE === 'pattern';
  const room = await benchBandwidth(seconds, {
    audioOnly: true,
    ...(pattern ? {} : { videoFile: busyVideoFile() }),
  });
  printWindow(`camera + microphone (${room.picture})`, room.withVideo);
  if (room.audioOnly) {
    printWindow('"Nur Ton"', room.audioOnly);
  }
  for (const incident of room.incidents) {
    console.log(`  lost: ${incident}`);
  }
  figures.bandwidth = room;
}

async function pageFigures(): Promise<void> {
  const pages = await benchPageWeight();
  figures.pages = pages;
  console.log(
    `join page /m/<id> loads JS ${pages.joinPage.jsKiB} KiB + CSS ${pages.joinPage.cssKiB} KiB gzip; ` +
      `joining adds JS ${pages.meetingAdds.jsKiB} KiB + CSS ${pages.meetingAdds.cssKiB} KiB`,
  );
  for (const file of pages.files) {
    console.log(`  ${file.phase.padEnd(9)} ${file.file.padEnd(40)} ${file.gzipKiB.toFixed(1)} KiB gzip`);
  }
}

const sections: Record<string, () => Promise<void>> = {
  bundle: bundleFigures,
  core: coreFigures,
  join: joinFigures,
  bandwidth: bandwidthFigures,
  pages: pageFigures,
  phone: () => phoneFigures(figures),
};
const aliases: Record<string, string[]> = { live: ['join', 'bandwidth', 'pages'] };
const asked = process.argv.slice(2).flatMap((name) => aliases[name] ?? [name]);
const unknown = asked.filter((name) => !(name in sections));
if (unknown.length > 0) {
  console.error(
    `unknown part(s): ${unknown.join(', ')}; choose from ${Object.keys(sections).join(', ')}, live`,
  );
  process.exit(2);
}
const wanted = new Set(asked.length === 0 ? Object.keys(sections) : asked);
console.log(`Treffpunkt benchmarks (${runs} runs where repeated; ${JSON.stringify(figures.machine)})`);
const loads: Record<string, number> = {};
for (const [name, run] of Object.entries(sections)) {
  if (wanted.has(name)) {
    loads[name] = load();
    console.log(`\n[${name}] load average ${loads[name]}`);
    const started = performance.now();
    await run();
    console.log(`[${name}] took ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
}
figures.loadAverageAtStart = {
  ...(previous.loadAverageAtStart as Record<string, number> | undefined),
  ...loads,
};

await mkdir(path.join(root, 'bench/results'), { recursive: true });
await writeFile(path.join(root, 'bench/results/latest.json'), `${JSON.stringify(figures, null, 2)}\n`);
console.log('\nwritten to bench/results/latest.json');
