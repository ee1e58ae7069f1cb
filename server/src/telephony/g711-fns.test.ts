import { describe, expect, it } from 'vitest';
import {
  alawToLinear,
  linearToAlaw,
  linearToUlaw,
  MEETING_UNDER_PROMPT,
  overlay,
  ulawToLinear,
} from './g711-fns.js';
import { SILENCE_BYTE } from './rtp-fns.js';

const tone = (encode: (sample: number) => number, amplitude: number): Buffer =>
  Buffer.from(
    Array.from({ length: 160 }, (_, index) =>
      encode(Math.round(amplitude * Math.sin((2 * Math.PI * 1000 * index) / 8000))),
    ),
  );

describe('G.711', () => {
  it('encodes every decoded code back to itself (µ-law has two zeros)', () => {
    for (let code = 0; code < 256; code += 1) {
      expect(linearToAlaw(alawToLinear(code))).toBe(code);
      if (code !== 0x7f) {
        expect(linearToUlaw(ulawToLinear(code))).toBe(code);
      }
    }
  });

  it('keeps samples within the codecs’ quantisation error', () => {
    for (const sample of [0, 5, -5, 100, -100, 1000, -1000, 12000, -12000, 32000, -32000]) {
      expect(Math.abs(alawToLinear(linearToAlaw(sample)) - sample)).toBeLessThanOrEqual(
        Math.max(16, Math.abs(sample) / 16),
      );
      expect(Math.abs(ulawToLinear(linearToUlaw(sample)) - sample)).toBeLessThanOrEqual(
        Math.max(8, Math.abs(sample) / 16),
      );
    }
  });

  it('maps the silence bytes to zero', () => {
    expect(Math.abs(alawToLinear(SILENCE_BYTE.pcma))).toBeLessThanOrEqual(8);
    expect(ulawToLinear(SILENCE_BYTE.pcmu)).toBe(0);
  });
});

describe('a prompt over the meeting', () => {
  it('keeps the meeting audible but quieter under a silent stretch of the prompt', () => {
    const meeting = tone(linearToUlaw, 8000);
    const mixed = overlay(Buffer.alloc(160, SILENCE_BYTE.pcmu), meeting, 'pcmu');
    const peak = Math.max(...[...mixed].map((code) => Math.abs(ulawToLinear(code))));
    expect(peak).toBeGreaterThan(8000 * MEETING_UNDER_PROMPT * 0.9);
    expect(peak).toBeLessThan(8000 * MEETING_UNDER_PROMPT * 1.1);
  });

  it('leaves the prompt as it is when the meeting is silent, and clips instead of wrapping', () => {
    const prompt = tone(linearToAlaw, 20000);
    expect(overlay(prompt, Buffer.alloc(160, SILENCE_BYTE.pcma), 'pcma')).toEqual(prompt);
    const loud = tone(linearToAlaw, 32000);
    const mixed = overlay(loud, loud, 'pcma');
    // Clipped at full scale: every sample keeps the sign of the louder original.
    [...mixed].forEach((code, index) => {
      expect(Math.sign(alawToLinear(code))).toBe(Math.sign(alawToLinear(loud[index] ?? 0)));
    });
  });
});
