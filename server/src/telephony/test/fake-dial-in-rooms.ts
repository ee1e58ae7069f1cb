import { TypedEmitter } from '../../lib/typed-emitter.js';
import type {
  DialInFailureNotice,
  DialInRequest,
  DialInResolution,
  DialInRooms,
  DialInTicket,
  PhoneCall,
  PhoneSeat,
  PhoneSeatEvents,
} from '../dial-in-port.js';

/** A seat the test drives: `emit` is public so a test can play the host. */
export class FakeSeat extends TypedEmitter<PhoneSeatEvents> implements PhoneSeat {
  muted = false;
  left = false;
  allowSelfUnmute = true;

  async toggleSelfMute(): Promise<'muted' | 'unmuted' | 'refused'> {
    if (this.muted && !this.allowSelfUnmute) {
      return 'refused';
    }
    this.muted = !this.muted;
    return this.muted ? 'muted' : 'unmuted';
  }

  async leave(): Promise<void> {
    this.left = true;
  }

  override emit<K extends keyof PhoneSeatEvents>(event: K, ...args: PhoneSeatEvents[K]): void {
    super.emit(event, ...args);
  }
}

/** DialInRooms for tests: one meeting, one PIN; records what the gateway asked. */
export class FakeDialInRooms implements DialInRooms {
  readonly requests: DialInRequest[] = [];
  readonly notices: DialInFailureNotice[] = [];
  readonly seats: { call: PhoneCall; seat: FakeSeat }[] = [];
  /** Resolution for a correct entry; tests switch it to e2ee, locked … */
  outcome: DialInResolution | undefined;
  /** What a new seat announces right after `enter`. */
  onEnter: 'admitted' | 'waiting' | 'nothing' = 'admitted';

  constructor(
    readonly meetingId: string,
    readonly pin: string,
  ) {}

  async resolve(request: DialInRequest): Promise<DialInResolution> {
    this.requests.push(request);
    if (request.meetingId !== this.meetingId || request.pin !== this.pin) {
      return { ok: false, reason: 'wrong' };
    }
    return this.outcome ?? { ok: true, ticket: { meetingKey: 'occurrence-1', displayName: 'Erika M.' } };
  }

  async enter(_ticket: DialInTicket, call: PhoneCall): Promise<PhoneSeat> {
    const seat = new FakeSeat();
    this.seats.push({ call, seat });
    const announce = this.onEnter;
    setTimeout(() => {
      if (announce === 'admitted') {
        seat.emit('admitted', { first: true, muted: false });
      } else if (announce === 'waiting') {
        seat.emit('waiting');
      }
    }, 0);
    return seat;
  }

  async notifyFailures(notice: DialInFailureNotice): Promise<void> {
    this.notices.push(notice);
  }
}
