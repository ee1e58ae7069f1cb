import { announceDelay, enqueueAnnouncement, type PendingAnnouncement } from './announce-fns';
import type { Announcement, AnnouncementKind } from './meeting-types';

/**
 * Feeds the one polite live region: merges events that arrive together and speaks at most one announcement every
 * few seconds (announce-fns.ts). `close()` drops what is still queued.
 */
export class Announcer {
  private queue: PendingAnnouncement[] = [];
  private lastAt: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;

  constructor(
    private readonly show: (announcement: Announcement) => void,
    private readonly now: () => number = Date.now,
  ) {}

  add(kind: AnnouncementKind, name?: string): void {
    this.queue = enqueueAnnouncement(this.queue, { kind, name });
    this.schedule();
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
  }

  private schedule(): void {
    if (this.timer !== undefined || this.queue.length === 0) {
      return;
    }
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        const [next, ...rest] = this.queue;
        this.queue = rest;
        if (next) {
          this.lastAt = this.now();
          this.seq += 1;
          this.show({ seq: this.seq, ...next });
        }
        this.schedule();
      },
      Math.max(announceDelay(this.lastAt, this.now()), 300),
    );
  }
}
