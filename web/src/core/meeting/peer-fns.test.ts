import { describe, expect, it } from 'vitest';
import { cameraEncodings, RID_ORDER, simulcastRidOrder, streamsByMid, toWireCandidate } from './peer-fns';

describe('toWireCandidate', () => {
  it('keeps the fields the protocol knows and ends gathering with null', () => {
    expect(
      toWireCandidate({
        candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host',
        sdpMid: '0',
        sdpMLineIndex: 0,
      }),
    ).toEqual({
      candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host',
      sdpMid: '0',
      sdpMLineIndex: 0,
    });
    expect(toWireCandidate({})).toEqual({ candidate: '', sdpMid: null, sdpMLineIndex: null });
    expect(toWireCandidate(null)).toBeNull();
  });
});

describe('simulcast', () => {
  it('lists the camera layers in the order it announces', () => {
    const rids = cameraEncodings()
      .map((encoding) => encoding.rid ?? '')
      .join('');
    expect(rids).toBe(RID_ORDER);
    const scales = cameraEncodings().map((encoding) => encoding.scaleResolutionDownBy ?? 1);
    expect(scales).toEqual([4, 2, 1]);
  });

  it('reads the rid order of an offer', () => {
    expect(simulcastRidOrder('v=0\r\na=simulcast:send l;m;h\r\n')).toBe('lmh');
    expect(simulcastRidOrder('a=simulcast:send h;m;~l\n')).toBe('hml');
    expect(simulcastRidOrder('a=simulcast:send q;h;f\n')).toBeUndefined();
    expect(simulcastRidOrder('v=0\r\n')).toBeUndefined();
  });
});

describe('streamsByMid', () => {
  it('maps mids to their participant and kind', () => {
    const map = streamsByMid([{ mid: '1', participantId: 'anna', kind: 'camera' }]);
    expect(map.get('1')).toEqual({ participantId: 'anna', kind: 'camera' });
    expect(map.get('2')).toBeUndefined();
  });
});
