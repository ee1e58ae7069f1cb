/**
 * Just enough RTP and G.711 to play a phone's part in tests: μ-law coding (ITU-T G.711), RTP packets (RFC 3550)
 * with an optional one-byte audio-level header extension (RFC 6464 in RFC 8285 form), and a Goertzel filter
 * to tell which tone a decoded signal carries.
 */

const MULAW_BIAS = 0x84;
const MULAW_CLIP = 32635;

/** 16-bit linear PCM sample → μ-law byte. */
export function linearToMulaw(sample: number): number {
  let value = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = value < 0 ? 0x80 : 0;
  if (value < 0) {
    value = -value;
  }
  value = Math.min(value, MULAW_CLIP) + MULAW_BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (value & mask) === 0 && exponent > 0; mask >>= 1) {
    exponent--;
  }
  const mantissa = (value >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** μ-law byte → 16-bit linear PCM sample. */
export function mulawToLinear(byte: number): number {
  const inverted = ~byte & 0xff;
  const exponent = (inverted >> 4) & 0x07;
  const magnitude = ((((inverted & 0x0f) << 3) + MULAW_BIAS) << exponent) - MULAW_BIAS;
  return inverted & 0x80 ? -magnitude : magnitude;
}

/** One 20 ms frame (160 samples at 8 kHz) of a sine, continuing the phase of frame `index`. */
export function sineFrame(frequency: number, amplitude: number, index: number, samples = 160): Int16Array {
  const frame = new Int16Array(samples);
  for (let i = 0; i < samples; i++) {
    const t = (index * samples + i) / 8000;
    frame[i] = Math.round(amplitude * Math.sin(2 * Math.PI * frequency * t));
  }
  return frame;
}

export interface RtpPacket {
  payloadType: number;
  sequence: number;
  timestamp: number;
  ssrc: number;
  marker?: boolean;
  payload: Uint8Array;
  /** RFC 6464 level in -dBov (0 loudest, 127 silence), sent as one-byte extension `id`. */
  audioLevel?: { id: number; level: number; voice: boolean };
}

export function encodeRtp(packet: RtpPacket): Buffer {
  const extension = packet.audioLevel
    ? Buffer.from([
        0xbe,
        0xde,
        0x00,
        0x01,
        (packet.audioLevel.id << 4) | 0,
        (packet.audioLevel.voice ? 0x80 : 0) | packet.audioLevel.level,
        0x00,
        0x00,
      ])
    : Buffer.alloc(0);
  const header = Buffer.alloc(12);
  header[0] = 0x80 | (packet.audioLevel ? 0x10 : 0);
  header[1] = (packet.marker ? 0x80 : 0) | packet.payloadType;
  header.writeUInt16BE(packet.sequence & 0xffff, 2);
  header.writeUInt32BE(packet.timestamp >>> 0, 4);
  header.writeUInt32BE(packet.ssrc >>> 0, 8);
  return Buffer.concat([header, extension, packet.payload]);
}

/** Parses an RTP packet (CSRCs and header extensions skipped); undefined for anything else (e.g. RTCP). */
export function decodeRtp(data: Buffer): Omit<RtpPacket, 'audioLevel'> | undefined {
  const first = data[0];
  const second = data[1];
  if (data.length < 12 || first === undefined || second === undefined || first >> 6 !== 2) {
    return undefined;
  }
  const payloadType = second & 0x7f;
  if (payloadType >= 72 && payloadType <= 76) {
    return undefined;
  }
  let offset = 12 + (first & 0x0f) * 4;
  if (first & 0x10) {
    offset += 4 + data.readUInt16BE(offset + 2) * 4;
  }
  let end = data.length;
  if (first & 0x20) {
    end -= data[data.length - 1] ?? 0;
  }
  return {
    payloadType,
    marker: (second & 0x80) !== 0,
    sequence: data.readUInt16BE(2),
    timestamp: data.readUInt32BE(4),
    ssrc: data.readUInt32BE(8),
    payload: data.subarray(offset, end),
  };
}

/** Power of `frequency` in `samples` (Goertzel), normalised by the signal's total energy: 0…~0.5 for a pure tone. */
export function toneShare(samples: ArrayLike<number>, frequency: number, sampleRate = 8000): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let previous = 0;
  let beforePrevious = 0;
  let energy = 0;
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i] ?? 0;
    energy += sample * sample;
    const current = sample + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  if (energy === 0) {
    return 0;
  }
  const power =
    previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
  return power / (energy * samples.length);
}

/** Root-mean-square level of a signal, in 16-bit sample units. */
export function rms(samples: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i] ?? 0;
    sum += sample * sample;
  }
  return samples.length === 0 ? 0 : Math.sqrt(sum / samples.length);
}
