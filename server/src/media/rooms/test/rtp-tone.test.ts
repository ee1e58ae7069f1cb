import { describe, expect, it } from 'vitest';
import { decodeRtp, encodeRtp, linearToMulaw, mulawToLinear, rms, sineFrame, toneShare } from './rtp-tone.js';

describe('test RTP/G.711 helpers', () => {
  it('μ-law keeps samples within its quantisation error and maps silence and extremes as G.711 does', () => {
    expect(linearToMulaw(0)).toBe(0xff);
    expect(linearToMulaw(32767)).toBe(0x80);
    expect(linearToMulaw(-32768)).toBe(0x00);
    for (const sample of [-30000, -1000, -100, -1, 0, 1, 100, 1000, 30000]) {
      const back = mulawToLinear(linearToMulaw(sample));
      expect(Math.abs(back - sample)).toBeLessThanOrEqual(Math.max(8, Math.abs(sample) / 16));
    }
  });

  it('encodes and decodes RTP, skipping the audio-level extension', () => {
    const payload = Uint8Array.from([1, 2, 3]);
    const packet = encodeRtp({
      payloadType: 0,
      sequence: 65535,
      timestamp: 4_000_000_000,
      ssrc: 0x12345678,
      payload,
      audioLevel: { id: 1, level: 30, voice: true },
    });
    expect(packet[0]).toBe(0x90);
    expect(decodeRtp(packet)).toEqual({
      payloadType: 0,
      marker: false,
      sequence: 65535,
      timestamp: 4_000_000_000,
      ssrc: 0x12345678,
      payload: Buffer.from(payload),
    });
    expect(decodeRtp(Buffer.from([0x80, 200, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeUndefined(); // RTCP SR
  });

  it('Goertzel tells a 1 kHz tone from a 440 Hz tone after μ-law coding', () => {
    const samples: number[] = [];
    for (let frame = 0; frame < 50; frame++) {
      for (const sample of sineFrame(1000, 8000, frame)) {
        samples.push(mulawToLinear(linearToMulaw(sample)));
      }
    }
    expect(toneShare(samples, 1000)).toBeGreaterThan(0.45);
    expect(toneShare(samples, 440)).toBeLessThan(0.001);
    expect(rms(samples)).toBeGreaterThan(5500);
    expect(toneShare(new Array(800).fill(0), 1000)).toBe(0);
  });
});
