import type { G711 } from './sdp-fns.js';

/**
 * G.711 A-law and µ-law (ITU-T G.711, the classic segment tables), only as far as the gateway needs them: a prompt
 * is laid over the meeting's audio (`overlay`), so the caller keeps hearing the meeting while the menu speaks.
 */

const ALAW_SEGMENT_ENDS = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff];
const ULAW_SEGMENT_ENDS = [0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff];
const ULAW_BIAS = 0x84;
const ULAW_CLIP = 8159;

function segment(value: number, ends: readonly number[]): number {
  const index = ends.findIndex((end) => value <= end);
  return index === -1 ? ends.length : index;
}

export function alawToLinear(code: number): number {
  const value = code ^ 0x55;
  const exponent = (value & 0x70) >> 4;
  let magnitude = (value & 0x0f) << 4;
  if (exponent === 0) {
    magnitude += 8;
  } else {
    magnitude = (magnitude + 0x108) << (exponent - 1);
  }
  return value & 0x80 ? magnitude : -magnitude;
}

export function linearToAlaw(sample: number): number {
  let value = sample >> 3;
  let mask = 0xd5;
  if (value < 0) {
    mask = 0x55;
    value = -value - 1;
  }
  const exponent = segment(value, ALAW_SEGMENT_ENDS);
  if (exponent >= 8) {
    return 0x7f ^ mask;
  }
  const mantissa = exponent < 2 ? (value >> 1) & 0x0f : (value >> exponent) & 0x0f;
  return ((exponent << 4) | mantissa) ^ mask;
}

export function ulawToLinear(code: number): number {
  const value = ~code & 0xff;
  const magnitude = (((value & 0x0f) << 3) + ULAW_BIAS) << ((value & 0x70) >> 4);
  return value & 0x80 ? ULAW_BIAS - magnitude : magnitude - ULAW_BIAS;
}

export function linearToUlaw(sample: number): number {
  let value = sample >> 2;
  let mask = 0xff;
  if (value < 0) {
    value = -value;
    mask = 0x7f;
  }
  value = Math.min(value, ULAW_CLIP) + (ULAW_BIAS >> 2);
  const exponent = segment(value, ULAW_SEGMENT_ENDS);
  if (exponent >= 8) {
    return 0x7f ^ mask;
  }
  return ((exponent << 4) | ((value >> (exponent + 1)) & 0x0f)) ^ mask;
}

const DECODE: Record<G711, Int16Array> = {
  pcma: Int16Array.from({ length: 256 }, (_, code) => alawToLinear(code)),
  pcmu: Int16Array.from({ length: 256 }, (_, code) => ulawToLinear(code)),
};
const ENCODE: Record<G711, (sample: number) => number> = { pcma: linearToAlaw, pcmu: linearToUlaw };

/** How loud the meeting stays under a prompt: about −12 dB, so the prompt is clearly understood. */
export const MEETING_UNDER_PROMPT = 0.25;

/**
 * The prompt frame with the meeting's frame laid under it at `MEETING_UNDER_PROMPT`, in the call's codec. The
 * frames are equally long (20 ms); a shorter meeting frame is laid under the prompt's start only.
 */
export function overlay(prompt: Buffer, meeting: Buffer, codec: G711): Buffer {
  const decode = DECODE[codec];
  const encode = ENCODE[codec];
  const mixed = Buffer.alloc(prompt.length);
  for (let index = 0; index < prompt.length; index += 1) {
    const under = index < meeting.length ? (decode[meeting[index] ?? 0] ?? 0) * MEETING_UNDER_PROMPT : 0;
    const sum = Math.round((decode[prompt[index] ?? 0] ?? 0) + under);
    mixed[index] = encode(Math.max(-32768, Math.min(32767, sum)));
  }
  return mixed;
}
