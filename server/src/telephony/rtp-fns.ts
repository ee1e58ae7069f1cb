/** RTP (RFC 3550) headers and G.711 framing for the phone legs. */

export const SAMPLE_RATE = 8000;
export const FRAME_MS = 20;
/** One 20 ms G.711 frame: 160 samples, one byte each. */
export const FRAME_BYTES = (SAMPLE_RATE * FRAME_MS) / 1000;
/** G.711 silence: A-law 0xD5, µ-law 0xFF (both "zero" after companding). */
export const SILENCE_BYTE = { pcma: 0xd5, pcmu: 0xff } as const;

export interface RtpPacket {
  payloadType: number;
  marker: boolean;
  sequence: number;
  timestamp: number;
  ssrc: number;
  payload: Buffer;
}

/** Parses an RTP packet (version 2; CSRCs, extension and padding skipped); null if it is not one. */
export function parseRtp(packet: Buffer): RtpPacket | null {
  if (packet.length < 12) {
    return null;
  }
  const first = packet.readUInt8(0);
  if (first >> 6 !== 2) {
    return null;
  }
  const second = packet.readUInt8(1);
  const payloadType = second & 0x7f;
  // 72–76 would be RTCP (RFC 5761 multiplexing): not audio.
  if (payloadType >= 72 && payloadType <= 76) {
    return null;
  }
  let offset = 12 + (first & 0x0f) * 4;
  if (first & 0x10) {
    if (packet.length < offset + 4) {
      return null;
    }
    offset += 4 + packet.readUInt16BE(offset + 2) * 4;
  }
  let end = packet.length;
  if (first & 0x20) {
    end -= packet.readUInt8(packet.length - 1);
  }
  if (offset > end) {
    return null;
  }
  return {
    payloadType,
    marker: (second & 0x80) !== 0,
    sequence: packet.readUInt16BE(2),
    timestamp: packet.readUInt32BE(4),
    ssrc: packet.readUInt32BE(8),
    payload: packet.subarray(offset, end),
  };
}

export function buildRtp(packet: RtpPacket): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt8(0x80, 0);
  header.writeUInt8((packet.marker ? 0x80 : 0) | (packet.payloadType & 0x7f), 1);
  header.writeUInt16BE(packet.sequence & 0xffff, 2);
  header.writeUInt32BE(packet.timestamp >>> 0, 4);
  header.writeUInt32BE(packet.ssrc >>> 0, 8);
  return Buffer.concat([header, packet.payload]);
}

/** Splits a G.711 prompt into 20 ms frames, the last one padded with silence. */
export function frames(audio: Buffer, silence: number): Buffer[] {
  const result: Buffer[] = [];
  for (let offset = 0; offset < audio.length; offset += FRAME_BYTES) {
    const frame = Buffer.alloc(FRAME_BYTES, silence);
    audio.copy(frame, 0, offset, Math.min(audio.length, offset + FRAME_BYTES));
    result.push(frame);
  }
  return result;
}

/** Our outgoing stream's counters: sequence and timestamp advance per frame, SSRC random per call. */
export interface RtpClock {
  ssrc: number;
  sequence: number;
  timestamp: number;
}

/** The next packet of our stream; `marker` on the first packet after a gap (start of a talk spurt). */
export function nextPacket(
  clock: RtpClock,
  payloadType: number,
  payload: Buffer,
  marker: boolean,
): { packet: Buffer; clock: RtpClock } {
  const packet = buildRtp({
    payloadType,
    marker,
    sequence: clock.sequence,
    timestamp: clock.timestamp,
    ssrc: clock.ssrc,
    payload,
  });
  return {
    packet,
    clock: {
      ssrc: clock.ssrc,
      sequence: (clock.sequence + 1) & 0xffff,
      timestamp: (clock.timestamp + payload.length) >>> 0,
    },
  };
}
