// G.711 µ-law (PCMU) for the phone benchmarks' own callers: encode a tone, decode what the gateway sends back.
// ITU-T G.711 with the usual bias of 0x84; A-law is not needed because our callers offer PCMU only.

const BIAS = 0x84;
const CLIP = 32635;

export function encodeMuLaw(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = Math.min(CLIP, Math.abs(sample)) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) {
    exponent -= 1;
  }
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  magnitude = ~(sign | (exponent << 4) | mantissa);
  return magnitude & 0xff;
}

export function decodeMuLaw(byte: number): number {
  const value = ~byte & 0xff;
  const exponent = (value >> 4) & 0x07;
  const magnitude = ((((value & 0x0f) << 3) + BIAS) << exponent) - BIAS;
  return value & 0x80 ? -magnitude : magnitude;
}

/** Decodes one G.711 µ-law payload into 16-bit samples. */
export function decodeFrame(payload: Buffer): Int16Array {
  const samples = new Int16Array(payload.length);
  for (let index = 0; index < payload.length; index += 1) {
    samples[index] = decodeMuLaw(payload[index] ?? 0xff);
  }
  return samples;
}

/** An endless sine at 8 kHz as 20 ms µ-law frames; `amplitude` is a share of full scale. */
export function toneFrames(frequency: number, amplitude: number): () => Buffer {
  let sampleIndex = 0;
  return () => {
    const frame = Buffer.alloc(160);
    for (let index = 0; index < 160; index += 1) {
      const value = amplitude * 32767 * Math.sin((2 * Math.PI * frequency * sampleIndex) / 8000);
      frame[index] = encodeMuLaw(Math.round(value));
      sampleIndex += 1;
    }
    return frame;
  };
}
