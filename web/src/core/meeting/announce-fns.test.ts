import { describe, expect, it } from 'vitest';
import {
  announceDelay,
  announcementShape,
  enqueueAnnouncement,
  type PendingAnnouncement,
} from './announce-fns';

describe('enqueueAnnouncement', () => {
  it('merges people events of the same kind, keeping two names and counting the rest', () => {
    let queue: PendingAnnouncement[] = [];
    for (const name of ['Anna', 'Bernd', 'Carla']) {
      queue = enqueueAnnouncement(queue, { kind: 'joined', name });
    }
    queue = enqueueAnnouncement(queue, { kind: 'left', name: 'Dora' });
    expect(queue).toEqual([
      { kind: 'joined', names: ['Anna', 'Bernd'], count: 3 },
      { kind: 'left', names: ['Dora'], count: 1 },
    ]);
  });

  it('does not repeat other events and puts what a host did first', () => {
    let queue = enqueueAnnouncement([], { kind: 'joined', name: 'Anna' });
    queue = enqueueAnnouncement(queue, { kind: 'locked' });
    queue = enqueueAnnouncement(queue, { kind: 'locked' });
    queue = enqueueAnnouncement(queue, { kind: 'mutedByHost' });
    queue = enqueueAnnouncement(queue, { kind: 'askedToUnmute' });
    expect(queue.map((entry) => entry.kind)).toEqual(['mutedByHost', 'askedToUnmute', 'joined', 'locked']);
  });
});

describe('announceDelay', () => {
  it('waits out the interval after the last announcement', () => {
    expect(announceDelay(undefined, 1000)).toBe(0);
    expect(announceDelay(1000, 1500, 2500)).toBe(2000);
    expect(announceDelay(1000, 9000, 2500)).toBe(0);
  });
});

describe('announcementShape', () => {
  it('words one, two, many and unnamed', () => {
    expect(announcementShape({ names: ['Anna'], count: 1 })).toMatchObject({ form: 'one', first: 'Anna' });
    expect(announcementShape({ names: ['Anna', 'Bernd'], count: 2 })).toMatchObject({
      form: 'two',
      second: 'Bernd',
    });
    expect(announcementShape({ names: ['Anna', 'Bernd'], count: 5 })).toMatchObject({
      form: 'many',
      others: 4,
    });
    expect(announcementShape({ names: [], count: 1 })).toMatchObject({ form: 'anonymous' });
  });
});
