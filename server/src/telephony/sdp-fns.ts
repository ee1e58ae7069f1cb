import { isIP } from 'node:net';

/** G.711 at 8 kHz: the only audio codecs the gateway speaks (the AudioBridge takes both as plain RTP). */
export type G711 = 'pcma' | 'pcmu';

const STATIC_TYPES: Record<number, G711> = { 0: 'pcmu', 8: 'pcma' };
export const PAYLOAD_TYPE: Record<G711, number> = { pcmu: 0, pcma: 8 };
const MAX_SDP_BYTES = 4096;

export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

/** The audio part of a peer's SDP, as far as the gateway needs it. */
export interface AudioOffer {
  address: string;
  port: number;
  /** The codecs offered that we speak, in the peer's order of preference. */
  codecs: { codec: G711; payloadType: number }[];
  telephoneEvent: number | undefined;
  direction: Direction;
}

export type SdpParseResult = { ok: true; audio: AudioOffer } | { ok: false; reason: string };

/**
 * Reads the first `m=audio` line with RTP/AVP and its connection address. Fails (→ 488) for SRTP-only
 * offers, a rejected stream (port 0), no shared codec, or an unreadable body. Never throws.
 */
export function parseAudioSdp(sdp: string): SdpParseResult {
  if (sdp.length === 0 || sdp.length > MAX_SDP_BYTES) {
    return { ok: false, reason: 'empty or oversized SDP' };
  }
  const lines = sdp.split(/\r?\n/).filter((line) => line.length > 0);
  if (lines[0] !== 'v=0' || lines.some((line) => !/^[a-z]=/.test(line))) {
    return { ok: false, reason: 'not SDP' };
  }
  let sessionAddress: string | undefined;
  let sessionDirection: Direction = 'sendrecv';
  let media: { port: number; formats: number[]; lines: string[] } | undefined;
  let inOtherMedia = false;
  for (const line of lines) {
    if (line.startsWith('m=')) {
      if (media) {
        break;
      }
      const match = /^m=audio (\d{1,5})(?:\/\d+)? RTP\/AVP((?: \d{1,3})+)$/.exec(line);
      inOtherMedia = !match;
      if (match?.[1] && match[2]) {
        media = { port: Number(match[1]), formats: match[2].trim().split(' ').map(Number), lines: [] };
      }
      continue;
    }
    if (media) {
      media.lines.push(line);
    } else if (!inOtherMedia) {
      if (line.startsWith('c=')) {
        sessionAddress = connectionAddress(line);
      } else if (isDirection(line.slice(2))) {
        sessionDirection = line.slice(2) as Direction;
      }
    }
  }
  if (!media) {
    return { ok: false, reason: 'no RTP/AVP audio stream' };
  }
  if (media.port === 0 || media.port > 65535) {
    return { ok: false, reason: 'audio stream rejected' };
  }
  const mediaC = media.lines.find((line) => line.startsWith('c='));
  const address = mediaC ? connectionAddress(mediaC) : sessionAddress;
  if (address === undefined) {
    return { ok: false, reason: 'no connection address' };
  }
  const rtpmaps = new Map<number, string>();
  for (const line of media.lines) {
    const match = /^a=rtpmap:(\d{1,3}) ([A-Za-z0-9_.-]+\/\d+)/.exec(line);
    if (match?.[1] && match[2]) {
      rtpmaps.set(Number(match[1]), match[2].toLowerCase());
    }
  }
  const codecs: AudioOffer['codecs'] = [];
  let telephoneEvent: number | undefined;
  for (const pt of media.formats) {
    const map = rtpmaps.get(pt);
    const codec =
      map === 'pcma/8000' ? 'pcma' : map === 'pcmu/8000' ? 'pcmu' : map ? undefined : STATIC_TYPES[pt];
    if (codec) {
      codecs.push({ codec, payloadType: pt });
    } else if (map === 'telephone-event/8000' && telephoneEvent === undefined) {
      telephoneEvent = pt;
    }
  }
  if (codecs.length === 0) {
    return { ok: false, reason: 'no common codec' };
  }
  const mediaDirection = media.lines.map((line) => line.slice(2)).find(isDirection);
  return {
    ok: true,
    audio: {
      address,
      port: media.port,
      codecs,
      telephoneEvent,
      direction: mediaDirection ?? sessionDirection,
    },
  };
}

function isDirection(text: string): text is Direction {
  return text === 'sendrecv' || text === 'sendonly' || text === 'recvonly' || text === 'inactive';
}

function connectionAddress(line: string): string | undefined {
  const match = /^c=IN (IP4|IP6) ([^\s/]+)/.exec(line);
  if (!match?.[2]) {
    return undefined;
  }
  const family = isIP(match[2]);
  return (family === 4 && match[1] === 'IP4') || (family === 6 && match[1] === 'IP6') ? match[2] : undefined;
}

/** Our preference when the peer offers both: A-law (the European network's own) before µ-law. */
export function chooseCodec(
  offer: AudioOffer,
  preference: G711[] = ['pcma', 'pcmu'],
): { codec: G711; payloadType: number } | undefined {
  for (const codec of preference) {
    const found = offer.codecs.find((entry) => entry.codec === codec);
    if (found) {
      return found;
    }
  }
  return undefined;
}

const answerDirection: Record<Direction, Direction> = {
  sendrecv: 'sendrecv',
  sendonly: 'recvonly',
  recvonly: 'sendonly',
  inactive: 'inactive',
};

/**
 * Our SDP: an answer (one codec, the peer's telephone-event type, the mirrored direction) or, when the
 * INVITE had no offer, an offer with both codecs and telephone-event 101.
 */
export function buildAudioSdp(params: {
  address: string;
  port: number;
  sessionId: string;
  version: number;
  codecs: { codec: G711; payloadType: number }[];
  telephoneEvent: number | undefined;
  direction?: Direction;
}): string {
  const family = isIP(params.address) === 6 ? 'IP6' : 'IP4';
  const types = params.codecs.map((entry) => entry.payloadType);
  if (params.telephoneEvent !== undefined) {
    types.push(params.telephoneEvent);
  }
  const lines = [
    'v=0',
    `o=treffpunkt ${params.sessionId} ${params.version} IN ${family} ${params.address}`,
    's=Treffpunkt',
    `c=IN ${family} ${params.address}`,
    't=0 0',
    `m=audio ${params.port} RTP/AVP ${types.join(' ')}`,
    ...params.codecs.map((entry) => `a=rtpmap:${entry.payloadType} ${entry.codec.toUpperCase()}/8000`),
    ...(params.telephoneEvent === undefined
      ? []
      : [`a=rtpmap:${params.telephoneEvent} telephone-event/8000`, `a=fmtp:${params.telephoneEvent} 0-16`]),
    'a=ptime:20',
    `a=${params.direction === undefined ? 'sendrecv' : answerDirection[params.direction]}`,
  ];
  return `${lines.join('\r\n')}\r\n`;
}
