interface Track {
  sentAt: number;
  sent: boolean;
  latest: boolean;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Active-speaker news without flicker: per participant at most one message per interval, and the latest state
 * always follows (trailing), so nobody is shown talking after they stopped.
 */
export class TalkingThrottle {
  private readonly tracks = new Map<string, Track>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number,
    private readonly deliver: (participantId: string, talking: boolean) => void,
  ) {}

  push(participantId: string, talking: boolean): void {
    const track = this.tracks.get(participantId);
    if (!track) {
      this.tracks.set(participantId, {
        sentAt: this.now(),
        sent: talking,
        latest: talking,
        timer: undefined,
      });
      this.deliver(participantId, talking);
      return;
    }
    track.latest = talking;
    if (track.timer || track.sent === talking) {
      return;
    }
    const wait = track.sentAt + this.intervalMs - this.now();
    if (wait <= 0) {
      this.send(participantId, track);
      return;
    }
    track.timer = setTimeout(() => {
      track.timer = undefined;
      if (track.latest !== track.sent) {
        this.send(participantId, track);
      }
    }, wait);
  }

  /** Who clients were last told is talking (so that a snapshot agrees with the `room.talking` news after it). */
  talkingNow(): string[] {
    return [...this.tracks].filter(([, track]) => track.sent).map(([participantId]) => participantId);
  }

  forget(participantId: string): void {
    clearTimeout(this.tracks.get(participantId)?.timer);
    this.tracks.delete(participantId);
  }

  close(): void {
    for (const participantId of [...this.tracks.keys()]) {
      this.forget(participantId);
    }
  }

  private send(participantId: string, track: Track): void {
    track.sent = track.latest;
    track.sentAt = this.now();
    this.deliver(participantId, track.latest);
  }
}
