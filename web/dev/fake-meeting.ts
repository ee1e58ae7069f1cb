import type { HostCommands, MeetingController, SelfActions } from '../src/core/meeting/meeting-controller';
import { initialMeetingState } from '../src/core/meeting/meeting-defaults';
import { MeetingMedia } from '../src/core/meeting/meeting-media';
import type { LocalIntent, MeetingState, Reaction, VisibleTile } from '../src/core/meeting/meeting-types';
import { Store } from '../src/core/store';

/**
 * A meeting with fixed state for the harness: implements the views' interface, changes its own state for the
 * person's actions, and logs host actions to the console. No socket, no media server.
 */
export class FakeMeeting extends Store<MeetingState> implements MeetingController {
  readonly media = new MeetingMedia();
  readonly self: SelfActions;
  readonly host: HostCommands;
  visibleTiles: readonly VisibleTile[] = [];

  constructor(state: Partial<MeetingState>) {
    super({ ...initialMeetingState({ kind: 'invitation', token: 'harness-token-0000' }), ...state });
    const local = (patch: Partial<LocalIntent>) =>
      this.setState({ local: { ...this.getSnapshot().local, ...patch } });
    this.self = {
      unmuteBlocked: false,
      setMicMuted: (micMuted) => (local({ micMuted }), true),
      toggleMic: () => (local({ micMuted: !this.getSnapshot().local.micMuted }), true),
      pushToTalk: (pushToTalk) => local({ pushToTalk }),
      setCamera: async (cameraOn) => (local({ cameraOn }), true),
      startScreenShare: async () => false,
      stopScreenShare: () => local({ screenSharing: false }),
      setHand: (handRaised) => local({ handRaised }),
      setAudioOnly: (audioOnly) => local({ audioOnly }),
    };
    const log =
      (name: string) =>
      (...args: unknown[]) => {
        (window as unknown as { hostLog: unknown[] }).hostLog.push([name, ...args]);
      };
    (window as unknown as { hostLog: unknown[] }).hostLog = [];
    this.host = {
      admit: log('admit'),
      deny: log('deny'),
      mute: log('mute'),
      askUnmute: log('askUnmute'),
      stopVideo: log('stopVideo'),
      remove: log('remove'),
      lock: log('lock'),
      setRole: log('setRole'),
      lowerHand: log('lowerHand'),
      allowSelfUnmute: log('allowSelfUnmute'),
      end: log('end'),
      callNext: log('callNext'),
    };
  }

  async join(): Promise<void> {
    this.setState({ phase: 'waiting', waitingReason: 'waiting_room' });
  }

  async submitPasscode(): Promise<void> {
    this.setState({ phase: 'waiting' });
  }

  leave(): void {
    this.setState({ phase: 'ended', ended: 'left' });
  }

  react(reaction: Reaction): void {
    const { participantId, reactions } = this.getSnapshot();
    this.setState({
      reactions: [
        ...reactions,
        { seq: reactions.length + 1, participantId: participantId ?? '', reaction, at: Date.now() },
      ],
    });
  }

  setVisibleTiles(tiles: readonly VisibleTile[]): void {
    this.visibleTiles = tiles;
  }

  dismissNotice(which: 'notice' | 'device' = 'notice'): void {
    this.setState(which === 'notice' ? { notice: undefined } : { deviceProblem: undefined });
  }
}
