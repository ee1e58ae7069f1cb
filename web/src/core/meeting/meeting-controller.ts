import type { Store } from '../store';
import type { ChatClient } from './chat-client';
import type { PollClient } from './poll-client';
import type { HostActions } from './host-actions';
import type { MeetingMedia } from './meeting-media';
import type { JoinChoices } from './meeting-client';
import type { MeetingState, Reaction, VisibleTile } from './meeting-types';
import type { SelfControls } from './self-controls';

export type SelfActions = Pick<
  SelfControls,
  | 'unmuteBlocked'
  | 'setMicMuted'
  | 'toggleMic'
  | 'pushToTalk'
  | 'setCamera'
  | 'startScreenShare'
  | 'stopScreenShare'
  | 'setHand'
  | 'setAudioOnly'
>;

export type HostCommands = Pick<
  HostActions,
  | 'admit'
  | 'deny'
  | 'mute'
  | 'askUnmute'
  | 'stopVideo'
  | 'remove'
  | 'lock'
  | 'setRole'
  | 'lowerHand'
  | 'allowSelfUnmute'
  | 'end'
  | 'callNext'
>;

/**
 * What the meeting views use of {@link MeetingClient}: its state and its actions. Views depend on this shape only,
 * so a development harness can show them with fixed state.
 */
export interface MeetingController extends Pick<Store<MeetingState>, 'subscribe' | 'getSnapshot'> {
  readonly media: MeetingMedia;
  readonly self: SelfActions;
  readonly host: HostCommands;
  /** The meeting chat; absent in harnesses that show the views without a server. */
  readonly chat?: ChatClient;
  /** The meeting's polls; absent like `chat`. */
  readonly polls?: PollClient;
  join(displayName: string, choices: JoinChoices): Promise<void>;
  submitPasscode(passcode: string): Promise<void>;
  leave(): void;
  react(reaction: Reaction): void;
  setVisibleTiles(tiles: readonly VisibleTile[]): void;
  dismissNotice(which?: 'notice' | 'device'): void;
}
