import type { ClientMessage } from '@treffpunkt/protocol';
import type { ConnectionQuality, ParticipantView, VisibleTile } from './meeting-types';

export type Feed = Extract<ClientMessage, { type: 'video.subscribe' }>['feeds'][number];
type Quality = Feed['quality'];

/** The protocol's limit on feeds in one `video.subscribe`. */
export const MAX_FEEDS = 50;

const order: Quality[] = ['low', 'medium', 'high'];
const rank = (quality: Quality) => order.indexOf(quality);

/**
 * The video layer for a tile: small tiles get the low layer, the speaker view and a shared screen the high one.
 * A weak connection takes one step down, a poor one gets only the low layer.
 */
export function qualityFor(size: VisibleTile['size'], connection: ConnectionQuality): Quality {
  const wanted: Quality = size === 'small' ? 'low' : size === 'medium' ? 'medium' : 'high';
  if (connection === 'poor') {
    return 'low';
  }
  if (connection === 'weak') {
    return order[Math.max(0, rank(wanted) - 1)] ?? 'low';
  }
  return wanted;
}

/**
 * The complete `video.subscribe` list for the tiles on screen: only videos that exist (camera on, screen shared),
 * never one's own, each once at the largest size it is shown, in a stable order so equal sets compare equal.
 * In audio-only mode nothing is received.
 */
export function subscriptionFeeds(params: {
  visible: readonly VisibleTile[];
  participants: readonly ParticipantView[];
  selfId: string | undefined;
  audioOnly: boolean;
  connection: ConnectionQuality;
}): Feed[] {
  if (params.audioOnly) {
    return [];
  }
  const byId = new Map(params.participants.map((participant) => [participant.participantId, participant]));
  const chosen = new Map<string, Feed>();
  for (const tile of params.visible) {
    const participant = byId.get(tile.participantId);
    if (!participant || tile.participantId === params.selfId) {
      continue;
    }
    const sending = tile.kind === 'camera' ? participant.cameraOn : participant.screenSharing;
    if (!sending) {
      continue;
    }
    const key = `${tile.participantId}:${tile.kind}`;
    const quality = qualityFor(tile.size, params.connection);
    const before = chosen.get(key);
    if (!before || rank(quality) > rank(before.quality)) {
      chosen.set(key, { participantId: tile.participantId, kind: tile.kind, quality });
    }
  }
  return [...chosen.values()]
    .sort((a, b) => a.participantId.localeCompare(b.participantId) || a.kind.localeCompare(b.kind))
    .slice(0, MAX_FEEDS);
}

export function sameFeeds(a: readonly Feed[], b: readonly Feed[]): boolean {
  return (
    a.length === b.length &&
    a.every((feed, index) => {
      const other = b[index];
      return (
        other?.participantId === feed.participantId &&
        other.kind === feed.kind &&
        other.quality === feed.quality
      );
    })
  );
}
