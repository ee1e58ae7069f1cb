// Click "Beitreten" → first audible remote audio, and the signalling a join costs. One browser is in the meeting
// and plays a 440 Hz tone; a second browser opens a fresh tab per join (so nothing is cached in the page's state),
// goes through the pre-join page, clicks, and its probe notes when the received sound first carries energy.
import type { Page } from 'playwright-core';
import { toneFile } from '../e2e/support/tones.js';
import { clickJoin, inRoom, leave, openMeeting, probedParticipant, readyToJoin } from './live-world.js';
import { probeRecord, type ProbeRecord } from './probe.js';
import { summary } from './stats.js';

export interface JoinSample {
  clickToAudibleMs: number;
  clickToStatsAudibleMs: number | undefined;
  clickToSocketOpenMs: number | undefined;
  clickToJoinedMs: number | undefined;
  clickToAudioOfferSentMs: number | undefined;
  clickToAudioAnswerMs: number | undefined;
  clickToConnectedMs: number | undefined;
  /** Client→server messages that wait for a reply (carry an `id`), from the click to first sound. */
  requests: string[];
  /** Every client→server message from the click to first sound, by type. */
  messages: Record<string, number>;
  socketsOpened: number;
}

export interface JoinFigures {
  joins: number;
  failures: string[];
  clickToAudibleMs: string;
  clickToStatsAudibleMs: string;
  phasesP50Ms: Record<string, number>;
  requestsPerJoin: string;
  requestTypes: Record<string, number>;
  socketsPerJoin: string;
  messagesP50: Record<string, number>;
  samples: JoinSample[];
}

function after(click: number, at: number | undefined): number | undefined {
  return at === undefined ? undefined : at - click;
}

function sampleOf(record: ProbeRecord): JoinSample | undefined {
  const { clickAt, audibleAt } = record;
  if (clickAt === undefined || audibleAt === undefined) {
    return undefined;
  }
  const window = record.sent.filter((message) => message.at >= clickAt && message.at <= audibleAt);
  const messages: Record<string, number> = {};
  for (const message of window) {
    messages[message.type] = (messages[message.type] ?? 0) + 1;
  }
  const received = (type: string) => record.received.find((message) => message.type === type)?.at;
  return {
    clickToAudibleMs: audibleAt - clickAt,
    clickToStatsAudibleMs: after(clickAt, record.statsAudibleAt),
    clickToSocketOpenMs: after(clickAt, record.socketsOpened[0]),
    clickToJoinedMs: after(clickAt, received('room.joined')),
    clickToAudioOfferSentMs: after(
      clickAt,
      record.sent.find((message) => message.type === 'audio.offer')?.at,
    ),
    clickToAudioAnswerMs: after(clickAt, received('audio.answer')),
    clickToConnectedMs: after(clickAt, record.connectedAt[0]),
    requests: window.filter((message) => message.id !== undefined).map((message) => message.type),
    messages,
    socketsOpened: record.socketsOpened.filter((at) => at >= clickAt && at <= audibleAt).length,
  };
}

/** How far a join that never became audible got (for the report). */
function failureOf(record: ProbeRecord): string {
  const received = record.received.map((message) => message.type);
  return [
    record.clickAt === undefined ? 'no click seen' : 'clicked',
    `sockets ${record.socketsOpened.length}`,
    `sent ${record.sent.map((message) => message.type).join(',') || '-'}`,
    `received ${received.join(',') || '-'}`,
    `connected ${record.connectedAt.length}`,
  ].join('; ');
}

function median(values: Array<number | undefined>): number {
  const known = values.filter((value): value is number => value !== undefined).sort((a, b) => a - b);
  return known[Math.floor((known.length - 1) / 2)] ?? Number.NaN;
}

async function oneJoin(page: Page, url: string, name: string): Promise<ProbeRecord> {
  await readyToJoin(page, url, { name });
  // Let the pre-join page settle (device check, level meter) as it would while a person reads it.
  await page.waitForTimeout(500);
  await clickJoin(page);
  await page
    .waitForFunction(
      () => (window as unknown as { __probe: ProbeRecord }).__probe.audibleAt !== undefined,
      null,
      {
        timeout: 20_000,
        polling: 50,
      },
    )
    .catch(() => undefined);
  // The stats cross-check lags by up to Chromium's stats cache; give it a moment.
  await page
    .waitForFunction(
      () => (window as unknown as { __probe: ProbeRecord }).__probe.statsAudibleAt !== undefined,
      null,
      { timeout: 2_000, polling: 50 },
    )
    .catch(() => undefined);
  return probeRecord(page);
}

export async function benchJoin(joins: number): Promise<JoinFigures> {
  const world = await openMeeting();
  const speaker = await probedParticipant(toneFile(440));
  const listener = await probedParticipant(toneFile(1000));
  try {
    await readyToJoin(speaker.page, world.meetingUrl, { name: 'Sprecherin', microphone: true });
    await clickJoin(speaker.page);
    await inRoom(speaker.page);
    const samples: JoinSample[] = [];
    const failures: string[] = [];
    for (let i = 0; i < joins; i += 1) {
      const page = await listener.context.newPage();
      const record = await oneJoin(page, world.meetingUrl, `Zuhörer ${i + 1}`);
      const sample = sampleOf(record);
      if (sample) {
        samples.push(sample);
      } else {
        failures.push(`join ${i + 1}: ${failureOf(record)}`);
      }
      await leave(page).catch(() => undefined);
      await page.close();
    }
    const requestTypes: Record<string, number> = {};
    for (const type of samples.flatMap((sample) => sample.requests)) {
      requestTypes[type] = (requestTypes[type] ?? 0) + 1;
    }
    const messageTypes = [...new Set(samples.flatMap((sample) => Object.keys(sample.messages)))];
    return {
      joins,
      failures,
      clickToAudibleMs: summary(samples.map((sample) => sample.clickToAudibleMs)),
      clickToStatsAudibleMs: summary(
        samples.flatMap((sample) =>
          sample.clickToStatsAudibleMs === undefined ? [] : [sample.clickToStatsAudibleMs],
        ),
      ),
      phasesP50Ms: {
        socketOpen: median(samples.map((sample) => sample.clickToSocketOpenMs)),
        roomJoined: median(samples.map((sample) => sample.clickToJoinedMs)),
        audioOfferSent: median(samples.map((sample) => sample.clickToAudioOfferSentMs)),
        audioAnswer: median(samples.map((sample) => sample.clickToAudioAnswerMs)),
        iceDtlsConnected: median(samples.map((sample) => sample.clickToConnectedMs)),
        audible: median(samples.map((sample) => sample.clickToAudibleMs)),
      },
      requestsPerJoin: summary(
        samples.map((sample) => sample.requests.length),
        'requests',
      ),
      requestTypes,
      socketsPerJoin: summary(
        samples.map((sample) => sample.socketsOpened),
        'sockets',
      ),
      messagesP50: Object.fromEntries(
        messageTypes.map((type) => [type, median(samples.map((sample) => sample.messages[type] ?? 0))]),
      ),
      samples,
    };
  } finally {
    await speaker.close();
    await listener.close();
    await world.close();
  }
}
