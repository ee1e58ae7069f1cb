import { describe, expect, it } from 'vitest';
import { buildAudioSdp, chooseCodec, parseAudioSdp } from './sdp-fns.js';

const offer = [
  'v=0',
  'o=- 1 1 IN IP4 198.51.100.7',
  's=-',
  'c=IN IP4 198.51.100.7',
  't=0 0',
  'm=audio 30000 RTP/AVP 0 8 101',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-16',
  'a=sendrecv',
  '',
].join('\r\n');

describe('SDP', () => {
  it('reads address, port, codecs and telephone-event; prefers A-law', () => {
    const result = parseAudioSdp(offer);
    expect(result).toMatchObject({
      ok: true,
      audio: { address: '198.51.100.7', port: 30000, telephoneEvent: 101, direction: 'sendrecv' },
    });
    expect(result.ok && chooseCodec(result.audio)).toEqual({ codec: 'pcma', payloadType: 8 });
  });

  it('takes a media-level c= over the session one and knows static types without rtpmap', () => {
    const result = parseAudioSdp(
      offer
        .replace('a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n', 'c=IN IP4 203.0.113.9\r\n')
        .replace(' 0 8 101', ' 0 101'),
    );
    expect(result).toMatchObject({
      ok: true,
      audio: { address: '203.0.113.9', codecs: [{ codec: 'pcmu', payloadType: 0 }] },
    });
  });

  it.each([
    ['SRTP only', offer.replace('RTP/AVP', 'RTP/SAVP')],
    ['a rejected stream', offer.replace('audio 30000', 'audio 0')],
    ['no shared codec', offer.replace(' 0 8 101', ' 9 101').replace(/a=rtpmap:[08] .*\r\n/g, '')],
    ['no address', offer.replace('c=IN IP4 198.51.100.7\r\n', '')],
    ['not SDP', 'hello'],
  ])('refuses %s', (_name, text) => {
    expect(parseAudioSdp(text).ok).toBe(false);
  });

  it('builds an answer with one codec, telephone-event and 20 ms', () => {
    const sdp = buildAudioSdp({
      address: '192.0.2.1',
      port: 40000,
      sessionId: '1',
      version: 1,
      codecs: [{ codec: 'pcma', payloadType: 8 }],
      telephoneEvent: 101,
      direction: 'sendonly',
    });
    expect(sdp).toContain('m=audio 40000 RTP/AVP 8 101\r\n');
    expect(sdp).toContain('a=rtpmap:8 PCMA/8000');
    expect(sdp).toContain('a=fmtp:101 0-16');
    expect(sdp).toContain('a=recvonly');
    expect(parseAudioSdp(sdp)).toMatchObject({ ok: true, audio: { address: '192.0.2.1', port: 40000 } });
  });
});
