import type { ServerMessage } from '@treffpunkt/protocol';
import { admittedOf, isModerator, type Participant, type RoomState } from './room-fns.js';
import { participantView, roomStateMessage, settingsView, waitingListMessage } from './room-views-fns.js';

type SendTo = (participantId: string, message: ServerMessage) => void;

/**
 * Tells exactly who needs to know what changed between two room states: the newly admitted their snapshot;
 * admitted people every changed participant, departure and setting; waiting people their reason and nothing
 * else; hosts and co-hosts the waiting list. It remembers what it last sent, so nothing goes twice.
 */
export class RoomAnnouncer {
  private readonly sentViews = new Map<string, string>();
  private sentSettings = '';
  private sentWaitingList = '';

  constructor(
    private readonly sendTo: SendTo,
    /** Who is talking right now, for snapshots (the throttled `room.talking` news goes out separately). */
    private readonly talkingNow: () => readonly string[] = () => [],
  ) {}

  /** To every admitted participant (the only ones who may know anything about the meeting). */
  broadcast(state: RoomState, message: ServerMessage, except?: ReadonlySet<string>): void {
    for (const participant of admittedOf(state)) {
      if (!except?.has(participant.participantId)) {
        this.sendTo(participant.participantId, message);
      }
    }
  }

  /** What a resumed connection needs to catch up: why it waits, or the snapshot (and hosts the waiting list). */
  catchUp(state: RoomState, participant: Participant, send: (message: ServerMessage) => void): void {
    if (participant.status === 'waiting') {
      send({ type: 'room.waiting', reason: participant.waitingReason ?? 'waiting_room' });
      return;
    }
    send(roomStateMessage(state, participant, this.talkingNow()));
    if (isModerator(participant)) {
      send(waitingListMessage(state));
    }
  }

  /** Announces the change; returns who was admitted by it. */
  announce(previous: RoomState, next: RoomState): ReadonlySet<string> {
    const admitted = admittedOf(next);
    const fresh = new Set(
      admitted
        .filter((participant) => previous.participants.get(participant.participantId)?.status !== 'admitted')
        .map((participant) => participant.participantId),
    );
    for (const participant of admitted) {
      if (fresh.has(participant.participantId)) {
        this.sendTo(participant.participantId, roomStateMessage(next, participant, this.talkingNow()));
      }
    }
    this.tellRoster(next, fresh);
    this.tellWaiting(previous, next);
    const settings = settingsView(next);
    const settingsText = JSON.stringify(settings);
    if (settingsText !== this.sentSettings) {
      this.sentSettings = settingsText;
      this.broadcast(next, { type: 'room.settings', settings }, fresh);
    }
    this.tellModerators(previous, next);
    return fresh;
  }

  private tellRoster(next: RoomState, fresh: ReadonlySet<string>): void {
    for (const participant of admittedOf(next)) {
      const view = participantView(next, participant);
      const text = JSON.stringify(view);
      if (this.sentViews.get(participant.participantId) !== text) {
        this.sentViews.set(participant.participantId, text);
        this.broadcast(next, { type: 'room.participant', participant: view }, fresh);
      }
    }
    for (const id of [...this.sentViews.keys()]) {
      if (next.participants.get(id)?.status !== 'admitted') {
        this.sentViews.delete(id);
        this.broadcast(next, { type: 'room.participantLeft', participantId: id }, fresh);
      }
    }
  }

  private tellWaiting(previous: RoomState, next: RoomState): void {
    for (const participant of next.participants.values()) {
      const before = previous.participants.get(participant.participantId);
      if (participant.status === 'waiting' && participant.waitingReason !== before?.waitingReason) {
        this.sendTo(participant.participantId, {
          type: 'room.waiting',
          reason: participant.waitingReason ?? 'waiting_room',
        });
      }
    }
  }

  private tellModerators(previous: RoomState, next: RoomState): void {
    const list = waitingListMessage(next);
    const text = JSON.stringify(list);
    const changed = text !== this.sentWaitingList;
    this.sentWaitingList = text;
    for (const participant of admittedOf(next).filter(isModerator)) {
      const before = previous.participants.get(participant.participantId);
      const newlyModerating = before?.status !== 'admitted' || !isModerator(before);
      if (changed || newlyModerating) {
        this.sendTo(participant.participantId, list);
      }
    }
  }
}
