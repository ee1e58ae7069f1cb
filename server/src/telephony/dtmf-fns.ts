/**
 * RFC 4733 telephone-event decoding. A key press is a series of packets with the same RTP timestamp (its
 * start), growing duration, and three copies of the final packet with the E bit; a lost start or lost end
 * packets must neither drop nor double the digit. We report a digit on the first packet of an event (so
 * the menu reacts at once) and remember recent event timestamps to ignore every further packet of it.
 */

export type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#';

const DIGITS: readonly Digit[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'];

export interface TelephoneEvent {
  event: number;
  end: boolean;
  volume: number;
  duration: number;
}

/** The 4-byte event payload; null if short. Events 12–15 (A–D) and beyond are not digits we use. */
export function parseTelephoneEvent(payload: Buffer): TelephoneEvent | null {
  if (payload.length < 4) {
    return null;
  }
  const flags = payload.readUInt8(1);
  return {
    event: payload.readUInt8(0),
    end: (flags & 0x80) !== 0,
    volume: flags & 0x3f,
    duration: payload.readUInt16BE(2),
  };
}

export interface DtmfState {
  /** Timestamps of the most recent events (a small window: a retransmitted end can trail by ~60 ms). */
  seen: number[];
}

export const initialDtmfState: DtmfState = { seen: [] };
const WINDOW = 8;

/** Feeds one telephone-event packet (its RTP timestamp and payload); returns a new digit or null. */
export function receiveTelephoneEvent(
  state: DtmfState,
  timestamp: number,
  payload: Buffer,
): { state: DtmfState; digit: Digit | null } {
  const event = parseTelephoneEvent(payload);
  if (!event || state.seen.includes(timestamp)) {
    return { state, digit: null };
  }
  const seen = [...state.seen, timestamp].slice(-WINDOW);
  return { state: { seen }, digit: DIGITS[event.event] ?? null };
}

/** SIP INFO `application/dtmf-relay` (`Signal=5\r\nDuration=160`) and `application/dtmf` bodies. */
export function parseDtmfInfo(contentType: string, body: string): Digit | null {
  const type = contentType.split(';')[0]?.trim().toLowerCase();
  let signal: string | undefined;
  if (type === 'application/dtmf-relay') {
    signal = /^\s*signal\s*=\s*(\S+)\s*$/im.exec(body)?.[1];
  } else if (type === 'application/dtmf') {
    signal = body.trim();
  }
  if (signal === undefined) {
    return null;
  }
  if (signal === '10') {
    return '*';
  }
  if (signal === '11') {
    return '#';
  }
  return DIGITS.find((digit) => digit === signal) ?? null;
}
