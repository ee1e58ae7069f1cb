import { randomUUID } from 'node:crypto';
import type { ServerMessage } from '@treffpunkt/protocol';
import type { Logger } from '../../lib/logger.js';
import type { SignallingContext } from '../signalling/signalling-types.js';
import type { EndReason } from './live-room.js';
import { updateSelf } from './room-actions.js';
import type { RoomRegistry } from './room-service.js';
import type { RoomEntry } from './rooms-types.js';

/** What a caller must hear about: the gateway turns these into spoken prompts and call control. */
export type PhoneRoomEvent =
  | { kind: 'waiting' }
  /** Let in; `alone` when nobody else is in the meeting yet ("you are the first participant"). */
  | { kind: 'admitted'; alone: boolean; muted: boolean }
  /** Muted: by the caller's own *6 or the meeting (`byHost: false`), then again with `byHost` if a host did it. */
  | { kind: 'muted'; byHost: boolean }
  | { kind: 'unmuted' }
  | { kind: 'asked_to_unmute' }
  /** The media server was rebuilt: join the audio again (`PhoneSeat.connectAudio`). */
  | { kind: 'media_restart' }
  | { kind: 'ended'; reason: EndReason };

export interface PhoneSeat {
  readonly participantId: string;
  /** Joins the meeting's mix over plain RTP; returns where Janus expects the caller's audio. */
  connectAudio(
    codec: 'pcma' | 'pcmu',
    remote: { ip: string; port: number; payloadType: number },
  ): Promise<{ ip: string; port: number }>;
  /** *6: mutes or unmutes; `refused` while a host's mute holds and self-unmute is off. */
  toggleMute(): Promise<'muted' | 'unmuted' | 'refused'>;
  /** The call ended: the seat goes at once (a phone has no reconnect). Idempotent. */
  hangUp(): void;
}

/**
 * Reads the messages a browser would get and keeps only what a caller hears about. Nothing else of the meeting
 * (roster, chat, titles) leaves this function; while waiting the room sends nothing else anyway.
 */
export function phoneEvents(emit: (event: PhoneRoomEvent) => void): (message: ServerMessage) => void {
  let you: string | undefined;
  let muted: boolean | undefined;
  return (message) => {
    switch (message.type) {
      case 'room.joined':
        you = message.participantId;
        if (message.status === 'waiting') {
          emit({ kind: 'waiting' });
        }
        return;
      case 'room.state':
        muted = message.you.micMuted;
        emit({
          kind: 'admitted',
          alone: message.participants.every((p) => p.participantId === message.you.participantId),
          muted: message.you.micMuted,
        });
        return;
      case 'room.participant': {
        const { participant } = message;
        if (participant.participantId !== you || participant.micMuted === muted) {
          return;
        }
        muted = participant.micMuted;
        emit(muted ? { kind: 'muted', byHost: false } : { kind: 'unmuted' });
        return;
      }
      case 'room.notice':
        // A host's mute comes as a state change (above) and this notice, which says who did it.
        if (message.notice === 'muted_by_host') {
          emit({ kind: 'muted', byHost: true });
        } else if (message.notice === 'asked_to_unmute') {
          emit({ kind: 'asked_to_unmute' });
        }
        return;
      case 'media.restart':
        emit({ kind: 'media_restart' });
        return;
      case 'room.ended':
        emit({ kind: 'ended', reason: message.reason });
        return;
      default:
        return;
    }
  };
}

/**
 * Seats a caller whose meeting ID and PIN the gateway has checked, as a participant `via: 'phone'`: same waiting
 * room, lock, limits and host controls as everyone else. Throws the room's refusals (`meeting_locked`, …).
 */
export function enterByPhone(
  registry: RoomRegistry,
  entry: RoomEntry,
  call: { onEvent(event: PhoneRoomEvent): void; log: Logger },
): PhoneSeat {
  let hungUp = false;
  const releases = new Set<() => void | Promise<void>>();
  const toPhone = phoneEvents((event) => {
    call.onEvent(event);
  });
  const context: SignallingContext = {
    connectionId: randomUUID(),
    log: call.log,
    state: new Map(),
    send: (message) => {
      if (!hungUp) {
        toPhone(message);
      }
    },
    onClose(release) {
      releases.add(release);
      return () => releases.delete(release);
    },
  };
  const { room, participantId } = registry.enter(
    context,
    { ...entry, via: 'phone' },
    { requestId: 'phone-join', displayName: undefined, resumeToken: undefined },
  );
  const current = () => registry.findSeat(context);

  return {
    participantId,
    async connectAudio(codec, remote) {
      const seat = current();
      if (!seat) {
        throw new Error('The caller no longer has a seat');
      }
      return seat.room.mediaOf(participantId).joinPhone(codec, remote);
    },
    async toggleMute() {
      const seat = current();
      if (!seat) {
        return 'refused';
      }
      const micMuted = !seat.room.participant(participantId).micMuted;
      try {
        await updateSelf(seat.room, participantId, { type: 'self.update', micMuted });
        return micMuted ? 'muted' : 'unmuted';
      } catch {
        return 'refused';
      }
    },
    hangUp() {
      if (hungUp) {
        return;
      }
      hungUp = true;
      if (current()) {
        room.dropSeat(participantId, 'left');
      }
      releases.clear();
    },
  };
}
