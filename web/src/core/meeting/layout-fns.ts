import type { VideoKind, VisibleTile } from './meeting-types';

export interface GalleryGrid {
  columns: number;
  rows: number;
  /** Width of one tile in CSS pixels. */
  tileWidth: number;
}

/** Space between tiles in CSS pixels (matches the stylesheet). */
export const TILE_GAP = 8;
const ASPECT = 16 / 9;

/**
 * The gallery grid that makes `count` tiles (16:9) as large as possible in a `width` × `height` area: on a phone in
 * portrait that is one or two columns, on a wide screen more.
 */
export function galleryGrid(count: number, width: number, height: number, gap = TILE_GAP): GalleryGrid {
  const tiles = Math.max(1, Math.floor(count));
  let best: GalleryGrid = { columns: 1, rows: tiles, tileWidth: 0 };
  for (let columns = 1; columns <= tiles; columns += 1) {
    const rows = Math.ceil(tiles / columns);
    const byWidth = (width - gap * (columns - 1)) / columns;
    const byHeight = ((height - gap * (rows - 1)) / rows) * ASPECT;
    const tileWidth = Math.max(0, Math.floor(Math.min(byWidth, byHeight)));
    if (tileWidth > best.tileWidth) {
      best = { columns, rows, tileWidth };
    }
  }
  return best;
}

/** Tiles narrower than this are too small to recognise anyone; more people go on further pages. */
export const MIN_TILE_WIDTH = 150;
export const MAX_TILES_PER_PAGE = 25;

/** How many tiles fit on one gallery page of this size (at least 1, at most {@link MAX_TILES_PER_PAGE}). */
export function tilesPerPage(width: number, height: number): number {
  for (let count = MAX_TILES_PER_PAGE; count > 1; count -= 1) {
    if (galleryGrid(count, width, height).tileWidth >= MIN_TILE_WIDTH) {
      return count;
    }
  }
  return 1;
}

/** One page of the gallery (page numbers start at 0 and are clamped); `pages` is at least 1. */
export function galleryPage<T>(
  items: readonly T[],
  page: number,
  perPage: number,
): { items: T[]; page: number; pages: number } {
  const size = Math.max(1, Math.floor(perPage));
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(0, Math.floor(page) || 0), pages - 1);
  return { items: items.slice(current * size, (current + 1) * size), page: current, pages };
}

/** How large a tile is, for choosing the video layer: small (< 320 px), medium (< 640 px), large. */
export function tileSize(widthPx: number): VisibleTile['size'] {
  if (widthPx < 320) {
    return 'small';
  }
  return widthPx < 640 ? 'medium' : 'large';
}

export interface SpeakerFocus {
  participantId: string;
  /** When this person became the speaker. */
  since: number;
}

/** A speaker stays at least this long before another talker takes the big tile: the view must not flicker. */
export const SPEAKER_HOLD_MS = 2500;

/**
 * The speaker view's big tile, from talking events: the current speaker stays while talking and for
 * {@link SPEAKER_HOLD_MS} after taking over; then the first other person talking takes the place. When nobody talks,
 * the last speaker stays. This person never becomes the speaker of their own view.
 */
export function nextSpeaker(
  current: SpeakerFocus | undefined,
  talking: readonly string[],
  now: number,
  selfId: string | undefined,
  present: ReadonlySet<string>,
): SpeakerFocus | undefined {
  const stillHere = current && present.has(current.participantId) ? current : undefined;
  const candidates = talking.filter((id) => id !== selfId && present.has(id));
  if (
    stillHere &&
    (candidates.includes(stillHere.participantId) || now - stillHere.since < SPEAKER_HOLD_MS)
  ) {
    return stillHere;
  }
  const next = candidates.find((id) => id !== stillHere?.participantId);
  if (next !== undefined) {
    return { participantId: next, since: now };
  }
  return stillHere;
}

export type StageLayout =
  { view: 'gallery' } | { view: 'speaker'; focus: string | undefined } | { view: 'screen'; focus: string };

/**
 * What the stage shows: a shared screen always large (the first sharer, unless another was pinned), otherwise the
 * chosen gallery or speaker view. In speaker view a pinned person wins over the talking one.
 */
export function chooseStage(params: {
  mode: 'gallery' | 'speaker';
  sharers: readonly string[];
  pinned: string | undefined;
  speaker: string | undefined;
  audioOnly: boolean;
}): StageLayout {
  if (!params.audioOnly && params.sharers.length > 0) {
    const pinnedSharer = params.sharers.find((id) => id === params.pinned);
    return { view: 'screen', focus: pinnedSharer ?? params.sharers[0] ?? '' };
  }
  if (params.mode === 'speaker') {
    return { view: 'speaker', focus: params.pinned ?? params.speaker };
  }
  return { view: 'gallery' };
}

/** The key of a received video in `MeetingState.remoteVideos`. */
export function videoKey(participantId: string, kind: VideoKind): string {
  return `${participantId}:${kind}`;
}
