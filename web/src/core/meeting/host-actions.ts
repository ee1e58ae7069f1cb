import type { ClientMessage } from '@treffpunkt/protocol';

/** A participant id, or `'all'`. */
type Target = string;

/**
 * What hosts and co-hosts may do. Each is one message; the server checks the role and answers with the changed
 * state (`room.participant`, `room.settings`, `room.waitingList`), so nothing changes here before it confirms.
 */
export class HostActions {
  constructor(private readonly send: (message: ClientMessage) => void) {}

  /** Lets one person (or everybody) in from the waiting room. */
  admit(participantId: Target): void {
    this.send({ type: 'host.admit', participantId });
  }

  deny(participantId: string): void {
    this.send({ type: 'host.deny', participantId });
  }

  mute(participantId: Target): void {
    this.send({ type: 'host.mute', participantId });
  }

  askUnmute(participantId: string): void {
    this.send({ type: 'host.askUnmute', participantId });
  }

  stopVideo(participantId: string): void {
    this.send({ type: 'host.stopVideo', participantId });
  }

  remove(participantId: string): void {
    this.send({ type: 'host.remove', participantId });
  }

  lock(locked: boolean): void {
    this.send({ type: 'host.lock', locked });
  }

  setRole(participantId: string, role: 'cohost' | 'participant'): void {
    this.send({ type: 'host.setRole', participantId, role });
  }

  lowerHand(participantId: Target): void {
    this.send({ type: 'host.lowerHand', participantId });
  }

  allowSelfUnmute(allowed: boolean): void {
    this.send({ type: 'host.settings', allowSelfUnmute: allowed });
  }

  /** Ends the meeting for everybody. */
  end(): void {
    this.send({ type: 'host.end' });
  }

  /**
   * "Next person" on the speakers' list: the first raised hand is lowered and that person is asked to switch their
   * microphone on (when it is off).
   */
  callNext(next: { participantId: string; micMuted: boolean } | undefined): void {
    if (!next) {
      return;
    }
    this.lowerHand(next.participantId);
    if (next.micMuted) {
      this.askUnmute(next.participantId);
    }
  }
}
