import type { Announcement, AnnouncementKind } from './meeting-types';

export type PendingAnnouncement = Omit<Announcement, 'seq'>;

/** At most one announcement this often, so a screen reader is not flooded when many people arrive at once. */
export const ANNOUNCE_INTERVAL_MS = 2500;

/** Events about people that are merged into one sentence ("Anna and 3 others joined"). */
const mergeable = new Set<AnnouncementKind>(['joined', 'left', 'handRaised', 'waitingArrived']);
/** Things a host did to this person: told before anything else. */
const urgent = new Set<AnnouncementKind>([
  'mutedByHost',
  'askedToUnmute',
  'videoStoppedByHost',
  'handLowered',
  'mediaInterrupted',
]);
/** Names kept per merged announcement; the rest are counted. */
const NAMES_KEPT = 2;

/**
 * Adds an event to the queue of announcements not yet spoken: people events of the same kind merge into one entry,
 * a repeated other event is not queued twice, and what a host did to this person goes to the front.
 */
export function enqueueAnnouncement(
  queue: readonly PendingAnnouncement[],
  event: { kind: AnnouncementKind; name?: string | undefined },
): PendingAnnouncement[] {
  const index = queue.findIndex((pending) => pending.kind === event.kind);
  const existing = queue[index];
  if (existing) {
    if (!mergeable.has(event.kind)) {
      return [...queue];
    }
    const names =
      event.name !== undefined && existing.names.length < NAMES_KEPT
        ? [...existing.names, event.name]
        : existing.names;
    const merged = { ...existing, names, count: existing.count + 1 };
    return queue.map((pending, position) => (position === index ? merged : pending));
  }
  const entry: PendingAnnouncement = {
    kind: event.kind,
    names: event.name === undefined ? [] : [event.name],
    count: 1,
  };
  if (urgent.has(event.kind)) {
    const firstOrdinary = queue.findIndex((pending) => !urgent.has(pending.kind));
    const at = firstOrdinary === -1 ? queue.length : firstOrdinary;
    return [...queue.slice(0, at), entry, ...queue.slice(at)];
  }
  return [...queue, entry];
}

/** How long to wait before the next announcement may be spoken. */
export function announceDelay(
  lastAt: number | undefined,
  now: number,
  interval = ANNOUNCE_INTERVAL_MS,
): number {
  return lastAt === undefined ? 0 : Math.max(0, lastAt + interval - now);
}

/**
 * How a merged announcement is worded: `one` ("Anna joined"), `two` ("Anna and Bernd joined"), `many`
 * ("Anna and 3 others joined"), or `anonymous` when no name is known.
 */
export function announcementShape(announcement: Pick<Announcement, 'names' | 'count'>): {
  form: 'anonymous' | 'one' | 'two' | 'many';
  first: string;
  second: string;
  others: number;
} {
  const [first = '', second = ''] = announcement.names;
  if (announcement.names.length === 0) {
    return { form: 'anonymous', first, second, others: announcement.count };
  }
  if (announcement.count === 1) {
    return { form: 'one', first, second, others: 0 };
  }
  if (announcement.count === 2 && announcement.names.length === 2) {
    return { form: 'two', first, second, others: 0 };
  }
  return { form: 'many', first, second, others: announcement.count - 1 };
}
