import type { ServerMessage } from '@treffpunkt/protocol';
import { Store } from '../store';
import { Announcer } from './announcer';
import { ChatClient } from './chat-client';
import { PollClient } from './poll-client';
import { playChime } from './chime';
import { HostActions } from './host-actions';
import { MediaSession } from './media-session';
import type { MeetingController } from './meeting-controller';
import { initialLocal, initialMeetingState } from './meeting-defaults';
import type { MeetingMedia } from './meeting-media';
import type {
  EndCause,
  LocalIntent,
  MeetingState,
  Reaction,
  RoomCredential,
  VisibleTile,
} from './meeting-types';
import { RoomConnection } from './room-connection';
import { pruneReactions, reduceRoom, type RoomEffect } from './room-state-fns';
import { SelfControls } from './self-controls';
import { SpeakerTracker } from './speaker-tracker';
import { TileSubscriptions } from './tile-subscriptions';

export interface MeetingClientOptions {
  credential: RoomCredential;
  media: MeetingMedia;
  /** Signalling address; default `/api/signal` on this site. */
  url?: string;
  /** Where the resume token is kept; default `sessionStorage`. */
  storage?: Storage | undefined;
  /** Plays the waiting-room chime; default a soft WebAudio sound. */
  chime?: () => void;
}

/** What the person chose on the pre-join screen. */
export type JoinChoices = Pick<LocalIntent, 'micMuted' | 'cameraOn' | 'audioOnly'>;

/**
 * One person's meeting: the signalling socket ({@link RoomConnection}: reconnect with backoff, then `room.join`
 * with the resume token), the media connections ({@link MediaSession}) and the state the views read. Every server
 * message becomes a state change in `onMessage`, through the pure reducer in room-state-fns.ts, never in a
 * component (style.md §14).
 */
export class MeetingClient extends Store<MeetingState> implements MeetingController {
  readonly host: HostActions;
  readonly self: SelfControls;
  readonly chat: ChatClient;
  readonly polls: PollClient;
  private readonly connection: RoomConnection;
  private readonly session: MediaSession;
  private readonly tiles: TileSubscriptions;
  private readonly announcer: Announcer;
  private readonly speaker: SpeakerTracker;
  private reactionTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: MeetingClientOptions) {
    super(initialMeetingState(options.credential));
    const getState = () => this.getSnapshot();
    const update = (patch: Partial<MeetingState>) => this.update(patch);
    this.connection = new RoomConnection({
      credential: options.credential,
      url: options.url,
      storage: options.storage ?? safeSessionStorage(),
      onMessage: (message) => this.onMessage(message),
      onLost: () => this.onLost(),
      onBack: () => void this.onBack(),
      onClosed: () => this.onClosed(),
    });
    const send = this.connection.send.bind(this.connection);
    this.host = new HostActions(send);
    this.chat = new ChatClient(send);
    this.polls = new PollClient(send);
    this.tiles = new TileSubscriptions(getState, send);
    this.announcer = new Announcer((announcement) => this.setState({ announcement }));
    this.speaker = new SpeakerTracker(getState, (speaker) => this.setState({ speaker }));
    this.session = new MediaSession({
      signalling: this.connection,
      media: options.media,
      getState,
      update,
      onSubscriberFailed: () => this.tiles.resend(true),
    });
    this.self = new SelfControls({ media: options.media, session: this.session, getState, update, send });
  }

  get media(): MeetingMedia {
    return this.options.media;
  }

  /** Connects and asks to enter. Resolves when the server has answered (waiting room, room, passcode or refusal). */
  async join(displayName: string, choices: JoinChoices): Promise<void> {
    this.setState({
      ...initialMeetingState(this.connection.currentCredential),
      phase: 'connecting',
      displayName,
      local: { ...initialLocal, ...choices, cameraOn: choices.cameraOn && !choices.audioOnly },
    });
    await this.self.prepareDevices();
    if (!(await this.connection.open())) {
      this.end('unreachable');
      return;
    }
    await this.requestJoin();
  }

  /** Tries again with the passcode the person typed. */
  async submitPasscode(passcode: string): Promise<void> {
    this.connection.setPasscode(passcode);
    this.setState({ phase: 'connecting', credential: this.connection.currentCredential });
    await this.requestJoin();
  }

  /** Leaves the meeting (tells the server) and releases camera and microphone. */
  leave(): void {
    this.connection.send({ type: 'room.leave' });
    this.end('left');
  }

  /**
   * The page was left inside the app: say goodbye, close everything, release the devices. Idempotent. (A reload
   * does not get here: the socket just drops, and the resume token brings the person back to their seat.)
   */
  destroy(): void {
    if (this.getSnapshot().phase !== 'ended') {
      this.connection.send({ type: 'room.leave' });
    }
    this.shutDown(true);
    this.options.media.stop();
  }

  /** Sends a reaction; it shows on this person's own tile at once (the server's echo is not shown twice). */
  react(reaction: Reaction): void {
    const { participantId, reactions } = this.getSnapshot();
    this.connection.send({ type: 'reaction.send', reaction });
    if (participantId !== undefined) {
      const now = Date.now();
      const seq = (reactions.at(-1)?.seq ?? 0) + 1;
      this.setState({
        reactions: [...pruneReactions(reactions, now), { seq, participantId, reaction, at: now }],
      });
      this.watchReactions();
    }
  }

  setVisibleTiles(tiles: readonly VisibleTile[]): void {
    this.tiles.setVisible(tiles);
  }

  /** Hides the host's notice, or with `device` the device problem. */
  dismissNotice(which: 'notice' | 'device' = 'notice'): void {
    this.setState(which === 'notice' ? { notice: undefined } : { deviceProblem: undefined });
  }

  private async requestJoin(): Promise<void> {
    const { displayName, local } = this.getSnapshot();
    const outcome = await this.connection.join(displayName, local.micMuted);
    if (!outcome) {
      return;
    }
    if (outcome.kind === 'passcode') {
      this.setState({ phase: 'passcode', passcodeProblem: outcome.problem });
    } else {
      this.end(outcome.kind === 'ended' ? outcome.cause : 'unavailable');
    }
  }

  private onLost(): void {
    const { phase } = this.getSnapshot();
    if (phase === 'in_room' || phase === 'waiting') {
      // Media keeps flowing through the grace period; only the socket is being restored.
      this.setState({ phase: 'reconnecting' });
      this.announcer.add('reconnecting');
    }
  }

  private async onBack(): Promise<void> {
    if (this.getSnapshot().phase === 'reconnecting') {
      await this.requestJoin();
    }
  }

  private onClosed(): void {
    const { phase } = this.getSnapshot();
    if (phase !== 'ended') {
      this.end(phase === 'connecting' ? 'unreachable' : 'connection_lost');
    }
  }

  private onMessage(message: ServerMessage): void {
    if (this.chat.onMessage(message) || this.polls.onMessage(message)) {
      return;
    }
    if (message.type === 'room.state') {
      // Admitted, or back after a reconnect: chat and polls catch up; unacknowledged chat is resent.
      this.chat.onAdmitted();
      this.polls.onAdmitted();
    }
    if (message.type === 'video.subscriberOffer') {
      this.session.onSubscriberOffer(message);
      return;
    }
    if (message.type === 'room.reaction' && message.participantId === this.getSnapshot().participantId) {
      return;
    }
    const before = this.getSnapshot();
    const { model, effects } = reduceRoom(before, message, Date.now());
    if (model !== before) {
      this.setState(model);
    }
    for (const effect of effects) {
      this.apply(effect, before.phase);
    }
    switch (message.type) {
      case 'room.reaction':
        this.watchReactions();
        break;
      case 'room.participant':
        this.tiles.refresh();
        break;
      case 'room.participantLeft':
      case 'room.state':
        this.tiles.refresh();
        this.speaker.update();
        break;
      case 'room.talking':
        this.speaker.update();
        break;
      default:
        break;
    }
  }

  private apply(effect: RoomEffect, phaseBefore: MeetingState['phase']): void {
    switch (effect.type) {
      case 'startMedia':
        this.self.syncWithServer();
        if (phaseBefore === 'reconnecting') {
          this.announcer.add('reconnected');
          void this.session.resume();
        } else {
          void this.session.start();
        }
        this.tiles.resend();
        break;
      case 'restartMedia':
        void this.session.start().then(() => this.self.republishScreen());
        this.tiles.resend(true);
        break;
      case 'stopMedia':
        if (this.getSnapshot().phase === 'ended') {
          this.shutDown(true);
          this.options.media.stop();
        } else {
          this.session.stop();
        }
        break;
      case 'forceMute':
        this.self.forceMute();
        break;
      case 'stopCamera':
        void this.self.setCamera(false);
        break;
      case 'lowerHand':
        this.update({ local: { ...this.getSnapshot().local, handRaised: false } });
        break;
      case 'chime':
        (this.options.chime ?? playChime)();
        break;
      case 'announce':
        this.announcer.add(effect.kind, effect.name);
        break;
    }
  }

  private watchReactions(): void {
    if (this.reactionTimer !== undefined) {
      return;
    }
    this.reactionTimer = setInterval(() => {
      const { reactions } = this.getSnapshot();
      const fresh = pruneReactions(reactions, Date.now());
      if (fresh !== reactions) {
        this.setState({ reactions: fresh });
      }
      if (fresh.length === 0) {
        clearInterval(this.reactionTimer);
        this.reactionTimer = undefined;
      }
    }, 1000);
  }

  private end(cause: EndCause): void {
    this.setState({ phase: 'ended', ended: cause, talking: [], waiting: [] });
    this.shutDown(true);
    this.options.media.stop();
  }

  /** Closes connections and timers; with `forget`, the resume token goes too. */
  private shutDown(forget: boolean): void {
    this.session.stop();
    this.self.release();
    this.tiles.close();
    this.announcer.close();
    this.speaker.close();
    clearInterval(this.reactionTimer);
    this.reactionTimer = undefined;
    this.connection.close(forget);
  }

  private update(patch: Partial<MeetingState>): void {
    this.setState(patch);
    if ('quality' in patch || 'local' in patch) {
      this.tiles.refresh();
    }
  }
}

function safeSessionStorage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}
