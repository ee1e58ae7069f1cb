import type { ParticipantView, RoomCredential, ServerMessage, VideoKind } from '@treffpunkt/protocol';

export type { ParticipantView, Role, RoomCredential, VideoKind } from '@treffpunkt/protocol';

export type RoomSettings = Extract<ServerMessage, { type: 'room.settings' }>['settings'];
export type EndReason = Extract<ServerMessage, { type: 'room.ended' }>['reason'];
export type Reaction = Extract<ServerMessage, { type: 'room.reaction' }>['reaction'];
export type RoomNotice = Extract<ServerMessage, { type: 'room.notice' }>['notice'];
export type WaitingReason = Extract<ServerMessage, { type: 'room.waiting' }>['reason'];
export type WaitingEntry = Extract<ServerMessage, { type: 'room.waitingList' }>['waiting'][number];

/**
 * Where the person is:
 * - `idle`: on the pre-join screen; `connecting`: socket and `room.join` under way;
 * - `passcode`: the server wants the meeting's passcode (see `passcodeProblem`);
 * - `waiting`: in the waiting room; `in_room`: admitted;
 * - `reconnecting`: the socket was lost and is being restored (media may still flow);
 * - `ended`: out, for the reason in `ended`.
 */
export type MeetingPhase =
  'idle' | 'connecting' | 'passcode' | 'waiting' | 'in_room' | 'reconnecting' | 'ended';

/**
 * Why the person is out: the server's `room.ended` reasons, the join errors that end the attempt, and
 * - `unreachable`: the server could not be reached at all; `connection_lost`: reconnecting gave up;
 * - `unavailable`: this server does not offer meetings yet (or another unexpected refusal).
 */
export type EndCause =
  | EndReason
  | 'invitation_invalid'
  | 'not_found'
  | 'forbidden'
  | 'already_in_meeting'
  | 'meeting_full'
  | 'unreachable'
  | 'connection_lost'
  | 'unavailable';

/** What the person wants for their own media; the server's `you` confirms or overrides it (host mute). */
export interface LocalIntent {
  micMuted: boolean;
  cameraOn: boolean;
  screenSharing: boolean;
  handRaised: boolean;
  /** No video sent or received: for weak connections. */
  audioOnly: boolean;
  /** Space held while muted: the microphone is open until it is released. */
  pushToTalk: boolean;
}

export interface ReactionView {
  /** Increasing, to key and expire them. */
  seq: number;
  participantId: string;
  reaction: Reaction;
  at: number;
}

/**
 * Something a screen reader should hear (one polite live region). `names` are display names; `count` is how many
 * events one announcement stands for (joins are merged when several people arrive together).
 */
export type AnnouncementKind =
  | 'joined'
  | 'left'
  | 'handRaised'
  | 'waitingArrived'
  | 'admitted'
  | 'mutedByHost'
  | 'askedToUnmute'
  | 'videoStoppedByHost'
  | 'handLowered'
  | 'reconnecting'
  | 'reconnected'
  | 'mediaInterrupted'
  | 'mediaRestored'
  | 'locked'
  | 'unlocked'
  | 'roleChanged';

export interface Announcement {
  seq: number;
  kind: AnnouncementKind;
  names: string[];
  count: number;
}

/** How well the person's own media gets through, from packet loss and round-trip time. */
export type ConnectionQuality = 'unknown' | 'good' | 'weak' | 'poor';

/** The state of one media connection (audio, camera, screen, subscription). */
export type LegStatus = 'off' | 'connecting' | 'connected' | 'restarting' | 'failed';

/** The server-driven part of the meeting state: what the reducer in `room-state-fns.ts` computes. */
export interface RoomModel {
  phase: MeetingPhase;
  ended: EndCause | undefined;
  passcodeProblem: 'required' | 'wrong' | undefined;
  waitingReason: WaitingReason | undefined;
  participantId: string | undefined;
  title: string;
  you: ParticipantView | undefined;
  /** Everyone else, in the order they arrived. */
  participants: ParticipantView[];
  /** Hosts only: people in the waiting room. */
  waiting: WaitingEntry[];
  settings: RoomSettings | undefined;
  /** Ids of people talking right now. */
  talking: string[];
  reactions: ReactionView[];
  /** The last thing a host did to this person, shown until dismissed. */
  notice: RoomNotice | undefined;
  /** Bumped each time someone new enters the waiting room (hosts hear a soft sound). */
  waitingArrivals: number;
}

/** A tile on screen, as the view reports it: whose video, and how big it is shown. */
export interface VisibleTile {
  participantId: string;
  kind: VideoKind;
  size: 'small' | 'medium' | 'large';
}

/** The whole meeting state the views read. */
export interface MeetingState extends RoomModel {
  local: LocalIntent;
  displayName: string;
  credential: RoomCredential | undefined;
  /** The mixed sound of everybody else, from the AudioBridge. */
  remoteAudio: MediaStream | undefined;
  /** Received videos by `participantId:kind`. */
  remoteVideos: Record<string, MediaStream>;
  /** Own camera and screen, for the self view. */
  localCamera: MediaStream | undefined;
  localScreen: MediaStream | undefined;
  legs: { audio: LegStatus; camera: LegStatus; screen: LegStatus; subscriber: LegStatus };
  quality: ConnectionQuality;
  /** Problems with own devices in the room (camera could not start, screen sharing refused). */
  deviceProblem: 'camera' | 'screen' | 'microphone' | undefined;
  announcement: Announcement | undefined;
  /** Who the speaker view shows large (from talking events, held a moment so it does not flicker). */
  speaker: string | undefined;
}
