import type { ConnectionQuality } from './meeting-types';

/** Counters read from one `getStats()` report of the audio connection. */
export interface StatsSample {
  /** Packets received and lost on incoming RTP (what reaches this person). */
  packetsReceived: number;
  packetsLost: number;
  /** Round-trip time of the selected candidate pair, in seconds, if known. */
  roundTripTime: number | undefined;
  /** Loss the server reports for what this person sends (0…1), if known. */
  remoteFractionLost: number | undefined;
}

type StatsEntry = Record<string, unknown>;

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** Sums what matters from a stats report's entries (`[...report.values()]`). */
export function readStats(entries: Iterable<StatsEntry>): StatsSample {
  const sample: StatsSample = {
    packetsReceived: 0,
    packetsLost: 0,
    roundTripTime: undefined,
    remoteFractionLost: undefined,
  };
  for (const entry of entries) {
    if (entry.type === 'inbound-rtp') {
      sample.packetsReceived += num(entry.packetsReceived) ?? 0;
      sample.packetsLost += Math.max(0, num(entry.packetsLost) ?? 0);
    } else if (entry.type === 'candidate-pair' && (entry.nominated === true || entry.selected === true)) {
      const rtt = num(entry.currentRoundTripTime);
      if (rtt !== undefined && entry.state === 'succeeded') {
        sample.roundTripTime = Math.max(sample.roundTripTime ?? 0, rtt);
      }
    } else if (entry.type === 'remote-inbound-rtp') {
      const lost = num(entry.fractionLost);
      if (lost !== undefined) {
        sample.remoteFractionLost = Math.max(sample.remoteFractionLost ?? 0, lost);
      }
    }
  }
  return sample;
}

/** Limits for "good" and "weak"; beyond "weak" it is "poor". Speech stays understandable to about 5 % loss with FEC. */
const limits = {
  good: { loss: 0.02, rtt: 0.3 },
  weak: { loss: 0.08, rtt: 0.8 },
};

/**
 * Judges the connection between two samples a few seconds apart: the loss in that interval (in either direction)
 * and the round-trip time. Too few packets to judge give `unknown`.
 */
export function judgeConnection(previous: StatsSample | undefined, current: StatsSample): ConnectionQuality {
  const received = current.packetsReceived - (previous?.packetsReceived ?? 0);
  const lost = current.packetsLost - (previous?.packetsLost ?? 0);
  const total = received + Math.max(0, lost);
  const inboundLoss = total >= 20 ? Math.max(0, lost) / total : undefined;
  const loss = Math.max(inboundLoss ?? 0, current.remoteFractionLost ?? 0);
  const rtt = current.roundTripTime;
  if (inboundLoss === undefined && current.remoteFractionLost === undefined && rtt === undefined) {
    return 'unknown';
  }
  if (loss <= limits.good.loss && (rtt ?? 0) <= limits.good.rtt) {
    return 'good';
  }
  if (loss <= limits.weak.loss && (rtt ?? 0) <= limits.weak.rtt) {
    return 'weak';
  }
  return 'poor';
}

const severity: ConnectionQuality[] = ['unknown', 'good', 'weak', 'poor'];

/**
 * What the indicator shows: the worst of the recent judgements, so a single bad moment shows for a while and "good"
 * returns only after the connection stayed good (no flickering).
 */
export function shownQuality(recent: readonly ConnectionQuality[]): ConnectionQuality {
  return recent.reduce<ConnectionQuality>(
    (worst, quality) => (severity.indexOf(quality) > severity.indexOf(worst) ? quality : worst),
    'unknown',
  );
}
