import { readFile } from 'node:fs/promises';

/** 16-bit PCM samples and rate of a WAV file (the phone's recording). */
export async function readWav(file: string): Promise<{ rate: number; samples: Int16Array }> {
  const bytes = await readFile(file);
  const rate = bytes.readUInt32LE(24);
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'data') {
      const end = Math.min(bytes.length, offset + 8 + size);
      const data = bytes.subarray(offset + 8, end - ((end - offset - 8) % 2));
      return {
        rate,
        samples: new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length)),
      };
    }
    offset += 8 + size + (size % 2);
  }
  return { rate, samples: new Int16Array() };
}

/**
 * Goertzel: the power of one frequency in a window, relative to the window's total power (0 … 1). A clean tone
 * at that frequency gives about 0.5 and more; speech, other tones or silence give almost nothing.
 */
export function toneShare(samples: Int16Array, rate: number, frequency: number): number {
  if (samples.length === 0) {
    return 0;
  }
  const k = Math.round((samples.length * frequency) / rate);
  const omega = (2 * Math.PI * k) / samples.length;
  const coefficient = 2 * Math.cos(omega);
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (const sample of samples) {
    const s0 = sample + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
    energy += sample * sample;
  }
  const power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
  return energy === 0 ? 0 : (2 * power) / (samples.length * energy);
}

/** toneShare over consecutive windows of `windowMs`: when a frequency was heard during the recording. */
export function toneTimeline(
  wav: { rate: number; samples: Int16Array },
  frequency: number,
  windowMs = 500,
): number[] {
  const size = Math.floor((wav.rate * windowMs) / 1000);
  const shares: number[] = [];
  for (let start = 0; start + size <= wav.samples.length; start += size) {
    shares.push(toneShare(wav.samples.subarray(start, start + size), wav.rate, frequency));
  }
  return shares;
}
