import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANNOUNCE_INTERVAL_MS } from './announce-fns';
import { Announcer } from './announcer';
import type { Announcement } from './meeting-types';

describe('Announcer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('merges what arrives together and speaks at most once per interval', async () => {
    const spoken: Announcement[] = [];
    const announcer = new Announcer((announcement) => spoken.push(announcement), Date.now);
    announcer.add('joined', 'Anna');
    announcer.add('joined', 'Bernd');
    announcer.add('handRaised', 'Carla');
    await vi.advanceTimersByTimeAsync(300);
    expect(spoken).toEqual([{ seq: 1, kind: 'joined', names: ['Anna', 'Bernd'], count: 2 }]);
    await vi.advanceTimersByTimeAsync(ANNOUNCE_INTERVAL_MS - 100);
    expect(spoken).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(spoken.at(-1)).toMatchObject({ seq: 2, kind: 'handRaised', names: ['Carla'] });
    announcer.add('left', 'Dora');
    announcer.close();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(spoken).toHaveLength(2);
  });
});
