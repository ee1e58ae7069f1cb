// Telephone dial-in (issue #7) on this machine, loopback only: the built server with its SIP gateway and Janus,
// callers made of node sockets (sip-leg.ts) instead of phones.
// 1. INVITE → the caller hears the meeting: a caller already in the meeting plays 1000 Hz; each new caller types
//    meeting ID and PIN at once (RFC 4733) and we note when the first frames of that tone arrive.
// 2. Concurrent legs with clean audio: meetings of ten callers each (one plays a tone, nine listen), added one
//    meeting at a time until a step is no longer clean (criterion below).
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { readMails } from '../e2e/support/mail-catcher.js';
import { parseMail, type ReceivedMail } from '../e2e/support/mail.js';
import type { ServerProcess } from '../e2e/support/server-process.js';
import { berlinTime } from '../e2e/support/berlin-time.js';
import { startSipServer } from '../e2e/support/sip-server.js';
import { load } from './machine.js';
import { type Heard, isTone, PhoneLeg, Ticker } from './sip-leg.js';
import { percentile } from './stats.js';

const TONE_HZ = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Invitee {
  digits: string;
  pin: string;
}

interface PhoneWorld {
  server: ServerProcess;
  pids: { server: number | undefined; janus: number | undefined };
  gateway: { host: string; port: number };
  /** A meeting open to callers at once, with `count` invitees and their PINs. */
  meeting(count: number): Promise<Invitee[]>;
  close(): Promise<void>;
}

async function phoneWorld(): Promise<PhoneWorld> {
  const sip = await startSipServer({
    name: 'tp-bench-phone-',
    env: {
      // As large as the default: Janus gives plain-RTP (phone) legs only a twentieth of it (janus-config.ts), two
      // ports each; 2,000 ports would stop at 50 legs (the server warns and caps SIP_MAX_CALLS at start-up).
      RTP_PORT_RANGE: '24000-43999',
      SIP_RTP_PORTS: '48000-49999',
      SIP_MAX_CALLS: '1000',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    },
    host: { organisation: 'Telefon-Bench', host: 'Tea Telefon', email: 'tea@example.org' },
  });
  const { server, mailDir, session, host } = sip;
  let meetings = 0;

  const janus = Number(
    execFileSync('pgrep', ['-P', String(server.child.pid), '-x', 'janus'], { encoding: 'utf8' }).trim(),
  );
  return {
    server,
    pids: { server: server.child.pid, janus: Number.isInteger(janus) && janus > 0 ? janus : undefined },
    gateway: { host: '127.0.0.1', port: sip.sipPort },
    async meeting(count) {
      meetings += 1;
      const title = `Telefonrunde ${meetings}`;
      const created = await session.request<{ id: string; meetingId: string }>('POST', '/api/meetings', {
        organisationId: host.organisationId,
        title,
        start: berlinTime(),
        durationMinutes: 240,
        passcode: null,
        settings: { waitingRoom: false, joinBeforeHost: true, muteOnEntry: false },
      });
      const addresses = Array.from({ length: count }, (_, index) => `m${meetings}-p${index}@example.org`);
      await session.request('POST', `/api/meetings/${created.id}/invitations`, {
        invitees: addresses.map((email, index) => ({ email, name: `Anrufer ${meetings}.${index}` })),
      });
      // Invitations go out one by one and in no particular order: wait for all of them.
      const deadline = Date.now() + 120_000;
      let mails: ReceivedMail[] = [];
      while (Date.now() < deadline) {
        mails = (await readMails(mailDir)).map(parseMail).filter((m) => m.subject.includes(title));
        if (addresses.every((address) => mails.some((m) => m.to.includes(address)))) {
          break;
        }
        await sleep(250);
      }
      const digits = created.meetingId.replace(/\D/g, '');
      return addresses.map((address) => {
        const invitation = mails.find((m) => m.to.includes(address));
        const pin = /PIN: (\d+)/.exec(invitation?.text ?? '')?.[1];
        if (!pin) {
          throw new Error('An invitation is missing or carries no PIN (are dial-in numbers set?)');
        }
        return { digits, pin };
      });
    },
    async close() {
      await server.stop();
      if (process.env.BENCH_SERVER_LOG) {
        await writeFile(process.env.BENCH_SERVER_LOG, server.output.join(''));
      }
      await sip.close();
    },
  };
}

let callers = 0;

/** Dials, waits for the answer and types meeting ID and PIN at once (the menu lets keys cut its prompts). */
async function callIn(
  world: PhoneWorld,
  ticker: Ticker,
  invitee: Invitee,
  toneHz: number | undefined,
): Promise<PhoneLeg> {
  callers += 1;
  const leg = await PhoneLeg.dial({
    gateway: world.gateway,
    caller: `+49301${String(callers).padStart(6, '0')}`,
    listenHz: TONE_HZ,
    ...(toneHz === undefined ? {} : { toneHz }),
    ticker,
  });
  await Promise.race([leg.answer, sleep(30_000).then(() => Promise.reject(new Error('no answer in 30 s')))]);
  leg.press(`${invitee.digits}#${invitee.pin}#`);
  return leg;
}

async function until<T>(check: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined || performance.now() > deadline) {
      return value;
    }
    await sleep(20);
  }
}

export interface DialInLatency {
  calls: number;
  /** INVITE sent → 200 OK. */
  answerMs: number[];
  /** INVITE sent → first frames of the meeting's tone at the caller (caller types at once). */
  inviteToHearingMs: number[];
  /** Last key (#) sent → the first sound after it, the "you are now in the meeting" prompt (check and seat). */
  pinToPromptMs: number[];
  /** Last key (#) sent → first frames of the meeting's tone: the system's part after the caller is done. */
  pinToHearingMs: number[];
  /** Calls that heard nothing of the meeting within 30 s. */
  failures: number;
}

/** Time from INVITE to the caller hearing the meeting, over `calls` calls one after the other. */
export async function benchDialInLatency(calls = 12): Promise<DialInLatency> {
  const world = await phoneWorld();
  const ticker = new Ticker();
  const result: DialInLatency = {
    calls,
    answerMs: [],
    inviteToHearingMs: [],
    pinToPromptMs: [],
    pinToHearingMs: [],
    failures: 0,
  };
  try {
    const [speakerEntry, ...entries] = await world.meeting(calls + 1);
    if (!speakerEntry) {
      throw new Error('no invitee');
    }
    // Someone in the meeting who is always talking: a caller playing 1000 Hz.
    const speaker = await callIn(world, ticker, speakerEntry, TONE_HZ);
    await until(() => (speaker.typing ? undefined : true), 20_000);
    await sleep(3000);
    for (const entry of entries) {
      const leg = await callIn(world, ticker, entry, undefined);
      const heardAt = await until(() => leg.firstToneAt(leg.digitsSentAt ?? Infinity), 30_000);
      if (heardAt === undefined || leg.answeredAt === undefined || leg.digitsSentAt === undefined) {
        result.failures += 1;
      } else {
        result.answerMs.push(Math.round(leg.answeredAt - leg.invitedAt));
        result.inviteToHearingMs.push(Math.round(heardAt - leg.invitedAt));
        result.pinToHearingMs.push(Math.round(heardAt - leg.digitsSentAt));
        const sent = leg.digitsSentAt;
        const prompt = leg.heard.find((packet) => packet.at > sent && packet.rms > 300);
        result.pinToPromptMs.push(Math.round((prompt?.at ?? heardAt) - sent));
      }
      await leg.hangUp();
      await sleep(500);
    }
    await speaker.hangUp();
  } finally {
    ticker.stop();
    await world.close();
  }
  return result;
}

/** How one leg's received audio looked over a measuring window. */
export interface LegWindow {
  received: number;
  expected: number;
  /** Packets missing by sequence number (per mille of the expected). */
  lostPerMille: number;
  /** RFC 3550 interarrival jitter at the window's end, and its maximum during the window (ms). */
  jitterMs: number;
  maxJitterMs: number;
  /** Longest time between two packets (ms); 20 is perfect. */
  maxGapMs: number;
  /** Share of 100 ms blocks in which the meeting's tone was heard (listeners only). */
  toneBlocks: number;
}

/**
 * `heard` over a window. Pairs of packets for which `ignore(earlier, later)` is true (our own process was
 * stalled then, so their arrival times are ours, not the server's) count for loss but not for jitter and gaps.
 */
export function legWindow(
  heard: Heard[],
  windowMs: number,
  ignore: (from: number, to: number) => boolean = () => false,
): LegWindow {
  let jitter = 0;
  let maxJitter = 0;
  let maxGap = 0;
  let lowest = Infinity;
  let highest = -Infinity;
  let unwrapped = 0;
  let previous: Heard | undefined;
  for (const packet of heard) {
    if (previous) {
      const step = (packet.sequence - previous.sequence + 0x10000) & 0xffff;
      unwrapped += step < 0x8000 ? step : step - 0x10000;
      // RFC 3550 A.8: the difference of transit times, in ms (8 kHz timestamps).
      const arrival = packet.at - previous.at;
      const sent = (((packet.timestamp - previous.timestamp) >>> 0) / 8000) * 1000;
      if (!ignore(previous.at, packet.at)) {
        jitter += (Math.abs(arrival - sent) - jitter) / 16;
        maxJitter = Math.max(maxJitter, jitter);
        maxGap = Math.max(maxGap, arrival);
      }
    }
    lowest = Math.min(lowest, unwrapped);
    highest = Math.max(highest, unwrapped);
    previous = packet;
  }
  const expected = Math.round(windowMs / 20);
  const spanned = heard.length > 0 ? highest - lowest + 1 : 0;
  let blocks = 0;
  let toneBlocks = 0;
  for (let index = 0; index + 5 <= heard.length; index += 5) {
    const block = heard.slice(index, index + 5);
    // The speaker is one of our callers too: a stall of ours starves the mixer of its tone a little later.
    if (ignore((block[0]?.at ?? 0) - 300, block.at(-1)?.at ?? 0)) {
      continue;
    }
    blocks += 1;
    if (block.filter(isTone).length >= 3) {
      toneBlocks += 1;
    }
  }
  return {
    received: heard.length,
    expected,
    lostPerMille: Math.round((1000 * Math.max(0, spanned - heard.length)) / Math.max(1, expected)),
    jitterMs: Number(jitter.toFixed(1)),
    maxJitterMs: Number(maxJitter.toFixed(1)),
    maxGapMs: Math.round(maxGap),
    toneBlocks: blocks === 0 ? 0 : Number((toneBlocks / blocks).toFixed(3)),
  };
}

/**
 * "Clean" for a phone: at least 99 % of the packets arrive, none missing by sequence beyond 1 %, the jitter
 * (RFC 3550) never above 20 ms, no gap over 100 ms (a phone's jitter buffer is 40–60 ms: a 100 ms hole is an
 * audible drop-out), and listeners hear the tone in 95 % of all 100 ms blocks.
 */
export const CLEAN = {
  minReceivedShare: 0.99,
  maxLostPerMille: 10,
  maxJitterMs: 20,
  maxGapMs: 100,
  minToneBlocks: 0.95,
} as const;

function problemsIn(windows: Array<{ entry: { listener: boolean }; window: LegWindow }>): string[] {
  return windows.flatMap(({ entry, window }) => {
    const found = problemsOf(window, entry.listener);
    return found.length > 0 ? [found.join(', ')] : [];
  });
}

function problemsOf(window: LegWindow, listener: boolean): string[] {
  const problems: string[] = [];
  if (window.received < window.expected * CLEAN.minReceivedShare) {
    problems.push(`received ${window.received}/${window.expected}`);
  }
  if (window.lostPerMille > CLEAN.maxLostPerMille) {
    problems.push(`lost ${window.lostPerMille}‰`);
  }
  if (window.maxJitterMs > CLEAN.maxJitterMs) {
    problems.push(`jitter ${window.maxJitterMs} ms`);
  }
  if (window.maxGapMs > CLEAN.maxGapMs) {
    problems.push(`gap ${window.maxGapMs} ms`);
  }
  if (listener && window.toneBlocks < CLEAN.minToneBlocks) {
    problems.push(`tone in ${(window.toneBlocks * 100).toFixed(0)}% of blocks`);
  }
  return problems;
}

/**
 * When this process's own event loop was late by more than 30 ms (the machine is shared: our callers' arrival
 * times are then late, whatever the server did). A pair of packets around such a stall, or in the burst just after
 * it, is left out of jitter and gaps.
 */
class StallWatch {
  readonly stalls: Array<[number, number]> = [];
  private last = performance.now();
  private readonly timer = setInterval(() => {
    const now = performance.now();
    if (now - this.last > 30) {
      this.stalls.push([this.last, now]);
    }
    this.last = now;
  }, 5);

  stop(): void {
    clearInterval(this.timer);
  }

  covers(from: number, to: number): boolean {
    return this.stalls.some(([start, end]) => start < to && end + 100 > from);
  }

  /** Time spent stalled (ms). */
  get total(): number {
    return this.stalls.reduce((sum, [start, end]) => sum + end - start, 0);
  }
}

/** CPU seconds a process has used so far (user + system), from /proc. */
async function cpuSeconds(pid: number | undefined): Promise<number> {
  if (pid === undefined) {
    return Number.NaN;
  }
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the command (which may contain spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function measureWindow(
  legs: Array<{ leg: PhoneLeg; listener: boolean }>,
  windowMs: number,
  pids: { server: number | undefined; janus: number | undefined },
): Promise<{
  windows: Array<{ entry: { leg: PhoneLeg; listener: boolean }; window: LegWindow }>;
  benchStalledMs: number;
  serverCpuPct: number;
  janusCpuPct: number;
}> {
  const watch = new StallWatch();
  const cpuBefore = [await cpuSeconds(pids.server), await cpuSeconds(pids.janus)];
  const from = performance.now();
  await sleep(windowMs);
  watch.stop();
  const cpuAfter = [await cpuSeconds(pids.server), await cpuSeconds(pids.janus)];
  const elapsed = (performance.now() - from) / 1000;
  const windows = legs.map((entry) => ({
    entry,
    window: legWindow(
      entry.leg.heard.filter((packet) => packet.at >= from && packet.at < from + windowMs),
      windowMs,
      (a, b) => watch.covers(a, b),
    ),
  }));
  for (const entry of legs) {
    entry.leg.heard.splice(0, entry.leg.heard.length);
  }
  const pct = (index: number) =>
    Math.round((100 * ((cpuAfter[index] ?? 0) - (cpuBefore[index] ?? 0))) / elapsed);
  return {
    windows,
    benchStalledMs: Math.round(watch.total),
    serverCpuPct: pct(0),
    janusCpuPct: pct(1),
  };
}

export interface LegStep {
  legs: number;
  meetings: number;
  clean: boolean;
  /** Legs that were not clean, and why (the first few). */
  problems: string[];
  worstJitterMs: number;
  worstGapMs: number;
  lowestReceivedShare: number;
  loadAverage: number;
  /** How long the benchmark process itself was stalled during the window (left out of jitter and gaps). */
  benchStalledMs: number;
  /** CPU used during the window, in % of one core: the server process (SIP gateway, relay) and Janus. */
  serverCpuPct: number;
  janusCpuPct: number;
  /** The first window was not clean; the figures are the second's. */
  secondWindow: boolean;
  /** New callers of this step that did not hear their meeting within 30 s. */
  unseated: number;
}

export interface PhoneLegsResult {
  perMeeting: number;
  windowMs: number;
  criterion: typeof CLEAN;
  steps: LegStep[];
  /** Most concurrent legs with every leg clean. */
  cleanLegs: number;
}

/**
 * Adds meetings of `perMeeting` callers (one plays 1000 Hz, the others listen) until a step is not clean or
 * `maxLegs` is reached; measures every leg for `windowMs` after each step's callers hear their meeting.
 */
export async function benchPhoneLegs(
  options: { perMeeting?: number; maxLegs?: number; windowMs?: number } = {},
): Promise<PhoneLegsResult> {
  const perMeeting = options.perMeeting ?? 10;
  const maxLegs = options.maxLegs ?? 200;
  const windowMs = options.windowMs ?? 10_000;
  const world = await phoneWorld();
  const ticker = new Ticker();
  const legs: Array<{ leg: PhoneLeg; listener: boolean }> = [];
  const result: PhoneLegsResult = { perMeeting, windowMs, criterion: CLEAN, steps: [], cleanLegs: 0 };
  try {
    while (legs.length + perMeeting <= maxLegs) {
      const invitees = await world.meeting(perMeeting);
      const fresh = await Promise.all(
        invitees.map(async (invitee, index) => ({
          leg: await callIn(world, ticker, invitee, index === 0 ? TONE_HZ : undefined),
          listener: index !== 0,
        })),
      );
      legs.push(...fresh);
      // Seated when the listeners hear the tone (after the "you are in the meeting" prompt).
      const heard = await Promise.all(
        fresh
          .filter((entry) => entry.listener)
          .map((entry) => until(() => entry.leg.firstToneAt(entry.leg.digitsSentAt ?? Infinity), 30_000)),
      );
      const unseated = heard.filter((at) => at === undefined).length;
      if (unseated > 0) {
        // What the new callers got: enough to tell a failed call from a missing speaker.
        for (const { leg, listener } of fresh) {
          const loudest = Math.max(0, ...leg.heard.map((packet) => packet.rms));
          console.log(
            `      ${listener ? 'listener' : 'speaker '}: answered ${leg.answeredAt !== undefined}, keys sent ` +
              `${leg.digitsSentAt !== undefined}, packets ${leg.heard.length}, loudest ${Math.round(loudest)}, ` +
              `first tone ${leg.firstToneAt() !== undefined}, ended by ${leg.endedBy ?? '-'}`,
          );
        }
      }
      // The meeting is heard at once, under "you are now in the meeting …" (about 6 s): measure after it.
      await sleep(8000);
      // A step fails only when two windows in a row fail: other work on this shared machine causes single
      // hiccups (one 110 ms gap on every leg at once), a limit of the server does not go away.
      let measured = await measureWindow(legs, windowMs, world.pids);
      let problems = problemsIn(measured.windows);
      const secondWindow = problems.length > 0;
      if (secondWindow) {
        measured = await measureWindow(legs, windowMs, world.pids);
        problems = problemsIn(measured.windows);
      }
      const { windows, benchStalledMs, serverCpuPct, janusCpuPct } = measured;
      const step: LegStep = {
        legs: legs.length,
        meetings: legs.length / perMeeting,
        clean: problems.length === 0 && unseated === 0,
        problems: problems.slice(0, 5),
        worstJitterMs: Math.max(...windows.map(({ window }) => window.maxJitterMs)),
        worstGapMs: Math.max(...windows.map(({ window }) => window.maxGapMs)),
        lowestReceivedShare: Math.min(...windows.map(({ window }) => window.received / window.expected)),
        loadAverage: load(),
        benchStalledMs,
        serverCpuPct,
        janusCpuPct,
        unseated,
        secondWindow,
      };
      result.steps.push(step);
      console.log(
        `  ${String(step.legs).padStart(3)} legs: ${step.clean ? 'clean' : 'NOT clean'}; worst jitter ` +
          `${step.worstJitterMs} ms, worst gap ${step.worstGapMs} ms, lowest received ` +
          `${(step.lowestReceivedShare * 100).toFixed(1)} %, unseated ${unseated}, load ${step.loadAverage}, ` +
          (secondWindow ? 'second window, ' : '') +
          `server CPU ${serverCpuPct} %, Janus CPU ${janusCpuPct} %, bench process stalled ${benchStalledMs} ms` +
          (step.problems.length > 0 ? `\n      e.g. ${step.problems.join(' | ')}` : ''),
      );
      if (!step.clean) {
        // The server logs warnings and errors only (no personal data): what it noticed helps to tell why.
        const said = world.server.output
          .join('')
          .split('\n')
          .filter((line) => line.startsWith('{'));
        console.log(`      server said (last 8 lines):\n${said.slice(-8).join('\n')}`);
        break;
      }
      result.cleanLegs = step.legs;
    }
  } finally {
    await Promise.all(legs.map(({ leg }) => leg.hangUp()));
    ticker.stop();
    await world.close();
  }
  return result;
}

export function latencySummary(values: number[]): string {
  return `p50 ${percentile(values, 50)} ms, p95 ${percentile(values, 95)} ms (n=${values.length})`;
}

/**
 * `npm run bench -- phone`: both dial-in figures, printed and stored under `phone` in the results.
 * BENCH_PHONE_CALLS (12) calls for the latency, BENCH_PHONE_MAX_LEGS (200) as the ramp's end.
 */
export async function phoneFigures(figures: Record<string, unknown>): Promise<void> {
  const latency = await benchDialInLatency(Number(process.env.BENCH_PHONE_CALLS ?? 12));
  console.log(`phone: INVITE → 200 OK:                                  ${latencySummary(latency.answerMs)}`);
  console.log(
    `phone: INVITE → hears the meeting (keys typed at once):   ${latencySummary(latency.inviteToHearingMs)}`,
  );
  console.log(
    `phone: last # → "you are in the meeting" prompt starts: ${latencySummary(latency.pinToPromptMs)}`,
  );
  console.log(
    `phone: last # → hears the meeting:                       ${latencySummary(latency.pinToHearingMs)}`,
  );
  console.log(
    `  calls that heard nothing of the meeting within 30 s: ${latency.failures} of ${latency.calls}`,
  );
  console.log(
    `phone legs: meetings of 10 callers (one plays 1000 Hz), added until not clean; criterion ${JSON.stringify(CLEAN)}`,
  );
  const legs = await benchPhoneLegs({ maxLegs: Number(process.env.BENCH_PHONE_MAX_LEGS ?? 200) });
  console.log(`phone legs with clean audio: ${legs.cleanLegs}`);
  figures.phone = { latency, legs };
}
