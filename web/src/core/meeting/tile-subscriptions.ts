import type { ClientMessage } from '@treffpunkt/protocol';
import type { MeetingState, VisibleTile } from './meeting-types';
import { sameFeeds, subscriptionFeeds, type Feed } from './subscription-fns';

/** Tile changes are collected this long before `video.subscribe` goes out (scrolling, resizing). */
const SETTLE_MS = 250;

/**
 * Which videos this browser receives: the view reports the tiles on screen (IntersectionObserver), and this sends
 * the complete `video.subscribe` list whenever it really changes — also when someone turns a camera on or off,
 * the connection quality changes, or audio-only mode toggles.
 */
export class TileSubscriptions {
  private visible: VisibleTile[] = [];
  private sent: Feed[] | undefined;
  private restart = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly getState: () => MeetingState,
    private readonly send: (message: ClientMessage) => void,
  ) {}

  setVisible(tiles: readonly VisibleTile[]): void {
    this.visible = [...tiles];
    this.schedule();
  }

  /** Something that decides the list changed (participants, quality, audio-only). */
  refresh(): void {
    this.schedule();
  }

  /**
   * Sends the list again even if unchanged: after (re)joining, or with `restart` when the receiving connection must
   * be built anew (it failed, or the media server was rebuilt).
   */
  resend(restart = false): void {
    this.sent = undefined;
    this.restart ||= restart;
    this.schedule();
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.sent = undefined;
    this.restart = false;
  }

  private schedule(): void {
    if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, SETTLE_MS);
    }
  }

  private flush(): void {
    const state = this.getState();
    if (state.phase !== 'in_room') {
      return;
    }
    const feeds = subscriptionFeeds({
      visible: this.visible,
      participants: state.participants,
      selfId: state.participantId,
      audioOnly: state.local.audioOnly,
      connection: state.quality,
    });
    if (this.sent && sameFeeds(this.sent, feeds)) {
      return;
    }
    this.sent = feeds;
    const restart = this.restart;
    this.restart = false;
    this.send({ type: 'video.subscribe', feeds, ...(restart ? { restart: true } : {}) });
  }
}
