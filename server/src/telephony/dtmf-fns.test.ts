import { describe, expect, it } from 'vitest';
import { type DtmfState, initialDtmfState, parseDtmfInfo, receiveTelephoneEvent } from './dtmf-fns.js';

const event = (digit: number, end: boolean, duration: number): Buffer =>
  Buffer.from([digit, (end ? 0x80 : 0) | 10, duration >> 8, duration & 0xff]);

function feed(packets: [timestamp: number, payload: Buffer][]): string {
  let state: DtmfState = initialDtmfState;
  let digits = '';
  for (const [timestamp, payload] of packets) {
    const result = receiveTelephoneEvent(state, timestamp, payload);
    state = result.state;
    digits += result.digit ?? '';
  }
  return digits;
}

describe('RFC 4733 digits', () => {
  it('reports a key press once despite growing durations and three end packets', () => {
    expect(
      feed([
        [1000, event(5, false, 160)],
        [1000, event(5, false, 320)],
        [1000, event(5, true, 480)],
        [1000, event(5, true, 480)],
        [1000, event(5, true, 480)],
      ]),
    ).toBe('5');
  });

  it('reports a press whose start packets were lost, from the end packet alone', () => {
    expect(feed([[2000, event(11, true, 800)]])).toBe('#');
  });

  it('tells two presses of the same key apart by their timestamps', () => {
    expect(
      feed([
        [1000, event(1, false, 160)],
        [1000, event(1, true, 320)],
        [3000, event(1, false, 160)],
        [3000, event(1, true, 320)],
        [1000, event(1, true, 320)], // a late duplicate of the first
      ]),
    ).toBe('11');
  });

  it('maps 10 and 11 to * and #, ignores A–D and short payloads', () => {
    expect(
      feed([
        [1, event(10, true, 1)],
        [2, event(12, true, 1)],
        [3, Buffer.from([1])],
      ]),
    ).toBe('*');
  });

  it('reads SIP INFO bodies', () => {
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n')).toBe('5');
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=#\r\n')).toBe('#');
    expect(parseDtmfInfo('application/dtmf', '11')).toBe('#');
    expect(parseDtmfInfo('text/plain', '5')).toBeNull();
  });
});
