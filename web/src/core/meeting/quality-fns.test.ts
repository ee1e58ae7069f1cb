import { describe, expect, it } from 'vitest';
import { judgeConnection, readStats, shownQuality, type StatsSample } from './quality-fns';

const sample = (patch: Partial<StatsSample>): StatsSample => ({
  packetsReceived: 0,
  packetsLost: 0,
  roundTripTime: undefined,
  remoteFractionLost: undefined,
  ...patch,
});

describe('readStats', () => {
  it('sums incoming packets and reads the selected pair’s round trip and the remote loss', () => {
    expect(
      readStats([
        { type: 'inbound-rtp', packetsReceived: 500, packetsLost: 5 },
        { type: 'inbound-rtp', packetsReceived: 100, packetsLost: -2 },
        { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.05 },
        { type: 'candidate-pair', nominated: false, state: 'waiting', currentRoundTripTime: 3 },
        { type: 'remote-inbound-rtp', fractionLost: 0.01 },
        { type: 'outbound-rtp', packetsSent: 10 },
      ]),
    ).toEqual({ packetsReceived: 600, packetsLost: 5, roundTripTime: 0.05, remoteFractionLost: 0.01 });
  });
});

describe('judgeConnection', () => {
  const before = sample({ packetsReceived: 1000, packetsLost: 10 });
  it('is good with little loss and a short round trip', () => {
    expect(
      judgeConnection(before, sample({ packetsReceived: 1200, packetsLost: 11, roundTripTime: 0.08 })),
    ).toBe('good');
  });
  it('is weak or poor with loss in the interval (not in total) or a long round trip', () => {
    expect(judgeConnection(before, sample({ packetsReceived: 1190, packetsLost: 20 }))).toBe('weak');
    expect(judgeConnection(before, sample({ packetsReceived: 1150, packetsLost: 60 }))).toBe('poor');
    expect(
      judgeConnection(before, sample({ packetsReceived: 1200, packetsLost: 10, roundTripTime: 0.5 })),
    ).toBe('weak');
    expect(
      judgeConnection(before, sample({ packetsReceived: 1200, packetsLost: 10, remoteFractionLost: 0.2 })),
    ).toBe('poor');
  });
  it('does not judge from too few packets', () => {
    expect(judgeConnection(before, sample({ packetsReceived: 1005, packetsLost: 10 }))).toBe('unknown');
  });
});

describe('shownQuality', () => {
  it('shows the worst recent judgement', () => {
    expect(shownQuality([])).toBe('unknown');
    expect(shownQuality(['good', 'weak', 'good'])).toBe('weak');
    expect(shownQuality(['unknown', 'good'])).toBe('good');
    expect(shownQuality(['poor', 'weak'])).toBe('poor');
  });
});
