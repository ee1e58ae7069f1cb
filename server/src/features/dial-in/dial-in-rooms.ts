import { AppError } from '../../http/errors.js';
import { describeError, type Logger } from '../../lib/logger.js';
import { TypedEmitter } from '../../lib/typed-emitter.js';
import type {
  DialInRooms,
  DialInTicket,
  MixerBridge,
  PhoneSeat,
  PhoneSeatEvents,
} from '../../telephony/dial-in-port.js';
import type { JoinService } from '../invitations/join-service.js';
import type { MeetingsEntryResolver } from '../meetings/room-entry-resolver.js';
import type { EndReason } from '../rooms/live-room.js';
import { enterByPhone, type PhoneRoomEvent } from '../rooms/phone-entry.js';
import { numberedPhoneName } from './dial-in-fns.js';
import type { RoomRegistry } from '../rooms/room-service.js';
import type { RoomEntry } from '../rooms/rooms-types.js';

/** What a ticket carries between `resolve` and `enter`. */
interface TicketData {
  entry: RoomEntry;
  /** A meeting-wide PIN: the seat is named "Telefon <first free number>" when taken. */
  numbered: boolean;
}

export interface DialInRoomsDeps {
  resolver: Pick<MeetingsEntryResolver, 'resolvePhone'>;
  join: Pick<JoinService, 'alertPhoneGuessing'>;
  registry: RoomRegistry;
  logger: Logger;
}

/** What ends a caller's seat, in the words of the gateway's prompts. */
function endedBecause(reason: EndReason): PhoneSeatEvents['ended'][0] {
  switch (reason) {
    case 'removed':
    case 'denied':
      return 'removed';
    case 'media_lost':
      return 'media_lost';
    case 'locked':
    case 'replaced':
      return 'refused';
    default:
      return 'meeting_ended';
  }
}

/**
 * The caller's seat as the gateway sees it. Room events arrive synchronously while the seat is being taken,
 * before the gateway has subscribed; they are emitted on the next turn of the event loop.
 */
class GatewaySeat extends TypedEmitter<PhoneSeatEvents> implements PhoneSeat {
  toggleSelfMute: PhoneSeat['toggleSelfMute'] = () => Promise.resolve('refused');
  leave: PhoneSeat['leave'] = () => Promise.resolve();

  later<K extends keyof PhoneSeatEvents>(event: K, ...args: PhoneSeatEvents[K]): void {
    setImmediate(() => {
      this.emit(event, ...args);
    });
  }

  now<K extends keyof PhoneSeatEvents>(event: K, ...args: PhoneSeatEvents[K]): void {
    this.emit(event, ...args);
  }
}

/**
 * The gateway's view of meetings and live rooms (telephony/dial-in-port.ts): PINs are checked by the meetings
 * feature, the caller takes a seat through `enterByPhone` like any participant, and their relayed audio joins
 * the AudioBridge once they are admitted (again after a media restart).
 */
export function createDialInRooms(deps: DialInRoomsDeps): DialInRooms {
  return {
    async resolve(request) {
      const result = await deps.resolver.resolvePhone(request.meetingId, request.pin);
      if ('entry' in result) {
        const data: TicketData = { entry: result.entry, numbered: result.numbered === true };
        const ticket: DialInTicket = {
          meetingKey: result.entry.meetingKey,
          displayName: result.entry.displayName,
          data,
        };
        return { ok: true, ticket };
      }
      const reason = { unknown: 'wrong', e2ee: 'e2ee', over: 'ended' } as const;
      return { ok: false, reason: reason[result.failure] };
    },

    async notifyFailures(notice) {
      await deps.join.alertPhoneGuessing(notice.meetingId);
    },

    async enter(ticket, call) {
      const seat = new GatewaySeat();
      const log = deps.logger.child({ component: 'dial-in', call: call.callId });
      let bridge: MixerBridge | undefined;
      let ownToggle = false;

      const connectAudio = async (room: ReturnType<typeof enterByPhone>) => {
        bridge ??= await call.audio.openBridge();
        const local = await room.connectAudio(call.audio.codec, {
          ...bridge.address,
          payloadType: call.audio.payloadType,
        });
        bridge.connect(local);
      };

      const onEvent = (event: PhoneRoomEvent) => {
        switch (event.kind) {
          case 'waiting':
            seat.later('waiting');
            return;
          case 'admitted':
            // The caller hears the meeting only once the mixer is connected. Deferred: when the caller is let
            // in at once, this runs while the seat is still being taken.
            setImmediate(() => {
              connectAudio(phone).then(
                () => {
                  seat.now('admitted', { first: event.alone, muted: event.muted });
                },
                (error: unknown) => {
                  log.warn({ err: describeError(error) }, 'caller audio not connected');
                  seat.now('ended', 'media_lost');
                },
              );
            });
            return;
          case 'muted':
            if (event.byHost) {
              seat.later('muted');
            }
            return;
          case 'unmuted':
            if (!ownToggle) {
              seat.later('unmuted');
            }
            return;
          case 'media_restart':
            void connectAudio(phone).catch((error: unknown) => {
              log.warn({ err: describeError(error) }, 'caller audio not reconnected');
            });
            return;
          case 'ended':
            bridge?.close();
            seat.later('ended', endedBecause(event.reason));
            return;
          case 'asked_to_unmute':
            return;
        }
      };

      const { entry, numbered } = ticket.data as TicketData;
      let phone: ReturnType<typeof enterByPhone>;
      try {
        // The number is chosen and the seat taken in one synchronous step: two callers cannot get the same.
        const displayName = numbered
          ? numberedPhoneName(entry.displayName, deps.registry.namesIn(entry.meetingKey))
          : entry.displayName;
        phone = enterByPhone(deps.registry, { ...entry, displayName }, { onEvent, log });
      } catch (error) {
        // Locked or full since the PIN was checked: the caller is told and the call ends.
        if (!(error instanceof AppError)) {
          throw error;
        }
        seat.later('ended', 'refused');
        return seat;
      }
      seat.toggleSelfMute = async () => {
        ownToggle = true;
        try {
          return await phone.toggleMute();
        } finally {
          ownToggle = false;
        }
      };
      seat.leave = async () => {
        phone.hangUp();
        bridge?.close();
      };
      return seat;
    },
  };
}
