import { describe, expect, it } from 'vitest';
import { JanusError } from '../errors.js';
import {
  answerOf,
  assertParticipantId,
  offerOf,
  parsePlainRtpLocal,
  parsePublisherId,
  parsePublishers,
  parseSubscribedStreams,
  parseTalking,
  publisherIdOf,
  toJanusCandidate,
} from './room-fns.js';

describe('room-fns', () => {
  it('accepts UUID-like participant ids and nothing that could clash with our Janus ids', () => {
    expect(() => assertParticipantId('0b9f3c1e-5d2a-4c8e-9a61-2f7d3b8c4e10')).not.toThrow();
    expect(() => assertParticipantId('V1StGXR8_Z5jdHi6B-myT')).not.toThrow();
    for (const bad of ['', '~observer', 'a:camera', 'a b', 'ä', 'x'.repeat(65)]) {
      expect(() => assertParticipantId(bad), bad).toThrow(RangeError);
    }
  });

  it('round-trips publisher ids and rejects foreign ones', () => {
    expect(publisherIdOf('p-1', 'screen')).toBe('p-1:screen');
    expect(parsePublisherId('p-1:screen')).toEqual({ participantId: 'p-1', kind: 'screen' });
    expect(parsePublisherId('p-1:camera')).toEqual({ participantId: 'p-1', kind: 'camera' });
    for (const foreign of ['~observer', 'p-1', 'p-1:subscriber', ':camera', 'a:b:camera']) {
      expect(parsePublisherId(foreign), foreign).toBeUndefined();
    }
  });

  it('maps talking events of the room only', () => {
    expect(parseTalking({ audiobridge: 'talking', room: 'r1', id: 'p-1' }, 'audiobridge', 'r1')).toEqual({
      participantId: 'p-1',
      talking: true,
    });
    expect(
      parseTalking({ audiobridge: 'stopped-talking', room: 'r1', id: 'p-1' }, 'audiobridge', 'r1'),
    ).toEqual({ participantId: 'p-1', talking: false });
    expect(parseTalking({ videoroom: 'talking', room: 'r1', id: 'p-1:camera' }, 'videoroom', 'r1')).toEqual({
      participantId: 'p-1:camera',
      talking: true,
    });
    expect(
      parseTalking({ audiobridge: 'talking', room: 'r2', id: 'p-1' }, 'audiobridge', 'r1'),
    ).toBeUndefined();
    expect(
      parseTalking({ audiobridge: 'event', room: 'r1', id: 'p-1' }, 'audiobridge', 'r1'),
    ).toBeUndefined();
    expect(parseTalking({ audiobridge: 'talking', room: 'r1', id: 7 }, 'audiobridge', 'r1')).toBeUndefined();
  });

  it('parses publishers: our feeds only, disabled m-lines and display names dropped', () => {
    const list = [
      {
        id: 'p-1:camera',
        display: 'Jane Doe',
        streams: [
          { type: 'video', mid: '0', codec: 'vp8', simulcast: true },
          { type: 'audio', mid: '1', codec: 'opus' },
          { type: 'video', mid: '2', disabled: true },
          { type: 'bogus', mid: '3' },
        ],
      },
      { id: '~observer', streams: [] },
      { id: 42, streams: [] },
      'junk',
    ];
    expect(parsePublishers(list)).toEqual([
      {
        publisherId: 'p-1:camera',
        participantId: 'p-1',
        kind: 'camera',
        streams: [
          { mid: '0', type: 'video', simulcast: true },
          { mid: '1', type: 'audio', simulcast: false },
        ],
      },
    ]);
    expect(parsePublishers(undefined)).toEqual([]);
  });

  it('parses a subscription summary without display names; inactive m-lines stay', () => {
    expect(
      parseSubscribedStreams([
        {
          mindex: 0,
          mid: '0',
          type: 'video',
          active: true,
          feed_id: 'p-1:camera',
          feed_mid: '0',
          feed_display: 'Jane',
        },
        { mindex: 1, mid: '1', type: 'video', active: false },
        { mid: 5, type: 'video' },
      ]),
    ).toEqual([
      { mid: '0', type: 'video', active: true, publisherId: 'p-1:camera', publisherMid: '0' },
      { mid: '1', type: 'video', active: false, publisherId: undefined, publisherMid: undefined },
    ]);
  });

  it('reads the plain-RTP port Janus opened, or fails typed', () => {
    expect(parsePlainRtpLocal({ rtp: { ip: '127.0.0.1', port: 20_000, payload_type: 0 } })).toEqual({
      ip: '127.0.0.1',
      port: 20_000,
    });
    expect(() => parsePlainRtpLocal({})).toThrow(JanusError);
    expect(() => parsePlainRtpLocal({ rtp: { ip: '127.0.0.1', port: 0 } })).toThrow(JanusError);
  });

  it('passes on only type and sdp of a jsep, and fails typed on the wrong kind', () => {
    expect(answerOf({ type: 'answer', sdp: 'v=0', e2ee: false }, 'p')).toEqual({
      type: 'answer',
      sdp: 'v=0',
    });
    expect(offerOf({ type: 'offer', sdp: 'v=0', trickle: true }, 'p')).toEqual({ type: 'offer', sdp: 'v=0' });
    expect(() => answerOf({ type: 'offer', sdp: 'v=0' }, 'p')).toThrow(JanusError);
    expect(() => offerOf(undefined, 'p')).toThrow(JanusError);
  });

  it('turns null and empty candidates into end-of-candidates', () => {
    expect(toJanusCandidate(null)).toBeNull();
    expect(toJanusCandidate({ candidate: '', sdpMid: '0' })).toBeNull();
    expect(toJanusCandidate({ candidate: 'candidate:1', sdpMid: null, sdpMLineIndex: 0 })).toEqual({
      candidate: 'candidate:1',
      sdpMLineIndex: 0,
    });
  });
});
