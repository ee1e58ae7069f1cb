import { nextSpeaker, SPEAKER_HOLD_MS, type SpeakerFocus } from './layout-fns';
import type { MeetingState } from './meeting-types';

/**
 * Picks the speaker view's big tile from talking events (`nextSpeaker`): re-evaluates on every change and once more
 * when a hold runs out, so someone who kept talking during the hold still gets the tile.
 */
export class SpeakerTracker {
  private focus: SpeakerFocus | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly getState: () => MeetingState,
    private readonly show: (speaker: string | undefined) => void,
    private readonly now: () => number = Date.now,
  ) {}

  update(): void {
    const state = this.getState();
    const present = new Set(state.participants.map((participant) => participant.participantId));
    const next = nextSpeaker(this.focus, state.talking, this.now(), state.participantId, present);
    this.focus = next;
    if (next?.participantId !== state.speaker) {
      this.show(next?.participantId);
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    const waiting = state.talking.some((id) => id !== next?.participantId && id !== state.participantId);
    if (next && waiting) {
      this.timer = setTimeout(
        () => this.update(),
        Math.max(0, next.since + SPEAKER_HOLD_MS - this.now()) + 50,
      );
    }
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.focus = undefined;
  }
}
