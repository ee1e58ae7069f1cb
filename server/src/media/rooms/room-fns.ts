import { randomBytes } from 'node:crypto';
import { JanusError } from '../errors.js';
import type { JanusCandidate, Jsep } from '../janus-types.js';
import type {
  LegCandidate,
  PublishedStream,
  PublisherInfo,
  PublisherKind,
  SdpAnswer,
  SdpOffer,
  SubscribedStream,
} from './room-types.js';

/**
 * Participant ids the room service passes in (UUIDs, nanoids). Restricted so that they can never collide with
 * our own ids in Janus (the observer `~observer`, publisher ids `<participantId>:<kind>`) and never carry
 * personal data or odd characters into Janus.
 */
const participantIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Janus id of the handle each room uses to watch events; `~` cannot occur in a participant id. */
export const OBSERVER_ID = '~observer';

export function assertParticipantId(participantId: string): void {
  if (!participantIdPattern.test(participantId)) {
    throw new RangeError('A participant id must be 1-64 characters of A-Z, a-z, 0-9, "_" or "-"');
  }
}

/** 72 random bits in URL-safe text: unguessable, and a collision between live rooms is out of reach. */
export function randomRoomId(): string {
  return randomBytes(9).toString('base64url');
}

/** Room `secret`: only the server ever holds it, so it can be long. */
export function randomSecret(): string {
  return randomBytes(24).toString('base64url');
}

export function publisherIdOf(participantId: string, kind: PublisherKind): string {
  return `${participantId}:${kind}`;
}

/** The participant and kind of a feed id we made; undefined for anything else (e.g. the observer). */
export function parsePublisherId(
  publisherId: string,
): { participantId: string; kind: PublisherKind } | undefined {
  const separator = publisherId.lastIndexOf(':');
  const participantId = publisherId.slice(0, separator);
  const kind = publisherId.slice(separator + 1);
  if (separator < 0 || !participantIdPattern.test(participantId)) {
    return undefined;
  }
  return kind === 'camera' || kind === 'screen' ? { participantId, kind } : undefined;
}

/** A promise resolved from outside (Promise.withResolvers needs Node 22). */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** Janus wants `{ candidate, sdpMid?, sdpMLineIndex? }`; an empty candidate string means end-of-candidates. */
export function toJanusCandidate(candidate: LegCandidate): JanusCandidate | null {
  if (candidate === null || candidate.candidate === '') {
    return null;
  }
  return {
    candidate: candidate.candidate,
    ...(typeof candidate.sdpMid === 'string' ? { sdpMid: candidate.sdpMid } : {}),
    ...(typeof candidate.sdpMLineIndex === 'number' ? { sdpMLineIndex: candidate.sdpMLineIndex } : {}),
  };
}

/** Only `type` and `sdp` leave this layer: Janus may add fields (e2ee, trickle flags) meant for its own clients. */
export function answerOf(jsep: Jsep | undefined, plugin: string): SdpAnswer {
  if (jsep?.type !== 'answer') {
    throw new JanusError(0, 'Janus returned no SDP answer', plugin);
  }
  return { type: 'answer', sdp: jsep.sdp };
}

export function offerOf(jsep: Jsep | undefined, plugin: string): SdpOffer {
  if (jsep?.type !== 'offer') {
    throw new JanusError(0, 'Janus returned no SDP offer', plugin);
  }
  return { type: 'offer', sdp: jsep.sdp };
}

const asString = (value: unknown) => (typeof value === 'string' ? value : undefined);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);
const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
const asMediaType = (value: unknown) =>
  value === 'audio' || value === 'video' || value === 'data' ? value : undefined;

/**
 * A talking notification of AudioBridge (`audiobridge: "talking" | "stopped-talking"`) or VideoRoom
 * (`videoroom: ...`, for E2EE rooms later), for `roomId`. Janus 1.1.2 sends it to every participant handle of
 * the room, the speaker's own included.
 */
export function parseTalking(
  data: Record<string, unknown>,
  pluginKey: 'audiobridge' | 'videoroom',
  roomId: string,
): { participantId: string; talking: boolean } | undefined {
  const kind = data[pluginKey];
  const id = asString(data.id);
  if ((kind !== 'talking' && kind !== 'stopped-talking') || id === undefined || data.room !== roomId) {
    return undefined;
  }
  return { participantId: id, talking: kind === 'talking' };
}

/** The `publishers` array of a VideoRoom `joined` or `event`, our own feeds only, disabled m-lines dropped. */
export function parsePublishers(list: unknown): PublisherInfo[] {
  const publishers: PublisherInfo[] = [];
  for (const entry of asArray(list)) {
    const record = asRecord(entry);
    const publisherId = asString(record?.id);
    const parsed = publisherId === undefined ? undefined : parsePublisherId(publisherId);
    if (!record || publisherId === undefined || !parsed) {
      continue;
    }
    const streams: PublishedStream[] = [];
    for (const item of asArray(record.streams)) {
      const stream = asRecord(item);
      const mid = asString(stream?.mid);
      const type = asMediaType(stream?.type);
      if (stream && mid !== undefined && type !== undefined && stream.disabled !== true) {
        streams.push({ mid, type, simulcast: stream.simulcast === true });
      }
    }
    publishers.push({ publisherId, ...parsed, streams });
  }
  return publishers;
}

/** The `streams` summary of a VideoRoom subscriber (`attached` / `updated`); display names are dropped. */
export function parseSubscribedStreams(list: unknown): SubscribedStream[] {
  const streams: SubscribedStream[] = [];
  for (const entry of asArray(list)) {
    const record = asRecord(entry);
    const mid = asString(record?.mid);
    const type = asMediaType(record?.type);
    if (!record || mid === undefined || type === undefined) {
      continue;
    }
    streams.push({
      mid,
      type,
      active: record.active !== false,
      publisherId: asString(record.feed_id),
      publisherMid: asString(record.feed_mid),
    });
  }
  return streams;
}

/** The local end Janus opened for a plain-RTP participant (`rtp` in the AudioBridge `joined` event). */
export function parsePlainRtpLocal(data: Record<string, unknown>): { ip: string; port: number } {
  const rtp = asRecord(data.rtp);
  const ip = asString(rtp?.ip);
  const port = rtp?.port;
  if (ip === undefined || typeof port !== 'number' || !Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new JanusError(
      0,
      'Janus opened no RTP port for the plain-RTP participant',
      'janus.plugin.audiobridge',
    );
  }
  return { ip, port };
}
