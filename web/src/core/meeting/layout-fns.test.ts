import { describe, expect, it } from 'vitest';
import {
  chooseStage,
  galleryGrid,
  galleryPage,
  MIN_TILE_WIDTH,
  nextSpeaker,
  SPEAKER_HOLD_MS,
  tilesPerPage,
  tileSize,
  videoKey,
} from './layout-fns';

describe('galleryGrid', () => {
  it('uses one column for two people on a phone in portrait, more on a wide screen', () => {
    expect(galleryGrid(2, 360, 600)).toMatchObject({ columns: 1, rows: 2 });
    expect(galleryGrid(6, 360, 600)).toMatchObject({ columns: 2, rows: 3 });
    expect(galleryGrid(6, 1280, 640)).toMatchObject({ columns: 3, rows: 2 });
    expect(galleryGrid(1, 1280, 640)).toMatchObject({ columns: 1, rows: 1, tileWidth: 1137 });
  });

  it('survives odd input', () => {
    expect(galleryGrid(0, 100, 100).columns).toBe(1);
    expect(galleryGrid(3, 0, 0).tileWidth).toBe(0);
  });
});

describe('tilesPerPage and galleryPage', () => {
  it('fits more tiles on larger screens, each still recognisable', () => {
    const phone = tilesPerPage(360, 560);
    const desktop = tilesPerPage(1280, 720);
    expect(phone).toBeLessThan(desktop);
    expect(galleryGrid(phone, 360, 560).tileWidth).toBeGreaterThanOrEqual(MIN_TILE_WIDTH);
    expect(tilesPerPage(100, 100)).toBe(1);
  });

  it('pages and clamps the page number', () => {
    const items = [1, 2, 3, 4, 5];
    expect(galleryPage(items, 0, 2)).toEqual({ items: [1, 2], page: 0, pages: 3 });
    expect(galleryPage(items, 9, 2)).toEqual({ items: [5], page: 2, pages: 3 });
    expect(galleryPage([], 0, 4)).toEqual({ items: [], page: 0, pages: 1 });
  });
});

describe('tileSize', () => {
  it('sorts widths into small, medium and large', () => {
    expect([120, 319, 320, 639, 640].map(tileSize)).toEqual(['small', 'small', 'medium', 'medium', 'large']);
  });
});

describe('nextSpeaker', () => {
  const present = new Set(['anna', 'bernd', 'me']);
  it('takes the first person talking, never oneself', () => {
    expect(nextSpeaker(undefined, ['me', 'anna'], 0, 'me', present)).toEqual({
      participantId: 'anna',
      since: 0,
    });
    expect(nextSpeaker(undefined, ['me'], 0, 'me', present)).toBeUndefined();
  });

  it('holds the speaker a moment so the view does not flicker, then switches', () => {
    const anna = { participantId: 'anna', since: 1000 };
    expect(nextSpeaker(anna, ['bernd'], 1000 + SPEAKER_HOLD_MS - 1, 'me', present)).toBe(anna);
    expect(nextSpeaker(anna, ['bernd'], 1000 + SPEAKER_HOLD_MS, 'me', present)).toEqual({
      participantId: 'bernd',
      since: 1000 + SPEAKER_HOLD_MS,
    });
    expect(nextSpeaker(anna, ['anna', 'bernd'], 99_999, 'me', present)).toBe(anna);
    expect(nextSpeaker(anna, [], 99_999, 'me', present)).toBe(anna);
  });

  it('lets go of someone who left', () => {
    expect(nextSpeaker({ participantId: 'gone', since: 0 }, [], 10, 'me', present)).toBeUndefined();
  });
});

describe('chooseStage', () => {
  const base = {
    mode: 'gallery' as const,
    sharers: [],
    pinned: undefined,
    speaker: 'anna',
    audioOnly: false,
  };
  it('shows a shared screen large, preferring a pinned sharer', () => {
    expect(chooseStage({ ...base, sharers: ['bernd'] })).toEqual({ view: 'screen', focus: 'bernd' });
    expect(chooseStage({ ...base, sharers: ['bernd', 'carla'], pinned: 'carla' })).toEqual({
      view: 'screen',
      focus: 'carla',
    });
  });

  it('follows the chosen view; audio-only never shows the screen view', () => {
    expect(chooseStage(base)).toEqual({ view: 'gallery' });
    expect(chooseStage({ ...base, mode: 'speaker' })).toEqual({ view: 'speaker', focus: 'anna' });
    expect(chooseStage({ ...base, mode: 'speaker', pinned: 'bernd' })).toEqual({
      view: 'speaker',
      focus: 'bernd',
    });
    expect(chooseStage({ ...base, sharers: ['bernd'], audioOnly: true })).toEqual({ view: 'gallery' });
  });

  it('keys videos by participant and kind', () => {
    expect(videoKey('anna', 'screen')).toBe('anna:screen');
  });
});
