import { describeError, type Logger } from '../lib/logger.js';
import type { DialInGuard } from './dial-in-guard.js';
import type {
  DialInRooms,
  DialInTicket,
  MixerBridge,
  PhoneAudio,
  PhoneCall as PhoneCallFacts,
  PhoneSeat,
} from './dial-in-port.js';
import type { Digit } from './dtmf-fns.js';
import { initialIvrState, type IvrAction, type IvrEvent, type IvrState, ivrStep } from './ivr-fns.js';
import type { PromptLibrary } from './prompt-catalog.js';
import type { RtpSession } from './rtp-session.js';

export interface PhoneCallDeps {
  rooms: DialInRooms;
  guard: DialInGuard;
  prompts: PromptLibrary;
  logger: Logger;
  /** Sends BYE for this call (the gateway owns the dialog). */
  hangup: () => void;
}

/**
 * The menu and the room seat of one answered call. The SIP dialog is the gateway's; this object drives
 * the IVR state machine (ivr-fns.ts) with digits, prompt ends, timers and seat events, and performs its
 * actions. `end()` is idempotent and leaves the room.
 */
export class PhoneCall implements PhoneCallFacts {
  private state: IvrState = initialIvrState;
  private timer: NodeJS.Timeout | undefined;
  private seat: PhoneSeat | undefined;
  private seatOffs: (() => void)[] = [];
  private ended = false;
  private ticket: DialInTicket | undefined;
  readonly audio: PhoneAudio;

  constructor(
    readonly callId: string,
    readonly callerKey: string,
    private readonly rtp: RtpSession,
    private readonly deps: PhoneCallDeps,
  ) {
    const session = rtp;
    this.audio = {
      codec: rtp.codec,
      payloadType: rtp.payloadType,
      openBridge: (): Promise<MixerBridge> => session.openBridge(),
    };
    rtp.on('digit', (digit) => this.feed({ type: 'digit', digit }));
    rtp.on('drained', () => this.feed({ type: 'prompts_done' }));
  }

  get language(): 'de' | 'en' {
    return this.state.lang;
  }

  /** Where the menu is (tests and logs). */
  get phase(): IvrState['phase'] {
    return this.state.phase;
  }

  start(): void {
    this.feed({ type: 'start' });
  }

  /** A digit from SIP INFO (some trunks send DTMF that way instead of RFC 4733). */
  digit(digit: Digit): void {
    this.feed({ type: 'digit', digit });
  }

  /** The call is over (BYE either way, CANCEL, timeout): stop everything, leave the room. */
  end(): void {
    if (this.ended) {
      return;
    }
    this.ended = true;
    clearTimeout(this.timer);
    this.seatOffs.forEach((off) => off());
    this.rtp.close();
    const seat = this.seat;
    if (seat) {
      seat
        .leave()
        .catch((error: unknown) =>
          this.deps.logger.warn({ err: describeError(error) }, 'leaving the room failed'),
        );
    }
  }

  private feed(event: IvrEvent): void {
    if (this.ended) {
      return;
    }
    if (event.type === 'digit' || event.type === 'timeout') {
      clearTimeout(this.timer);
    }
    const step = ivrStep(this.state, event);
    this.state = step.state;
    for (const action of step.actions) {
      this.perform(action);
    }
  }

  private perform(action: IvrAction): void {
    switch (action.type) {
      case 'play':
        for (const id of action.prompts) {
          this.rtp.play(this.deps.prompts.get(action.lang, id, this.rtp.codec));
        }
        return;
      case 'stop_prompts':
        this.rtp.stopPrompts();
        return;
      case 'arm_timeout':
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.feed({ type: 'timeout' }), action.ms);
        return;
      case 'resolve':
        void this.resolve(action.meetingId, action.pin);
        return;
      case 'enter':
        void this.enter();
        return;
      case 'toggle_mute':
        void this.toggleMute();
        return;
      case 'hangup':
        this.deps.hangup();
        this.end();
        return;
    }
  }

  private async resolve(meetingId: string, pin: string): Promise<void> {
    const { guard, rooms } = this.deps;
    const verdict = guard.check(this.callerKey, meetingId);
    if (verdict.locked) {
      this.feed({ type: 'resolved', result: { ok: false, reason: 'blocked' } });
      return;
    }
    if (verdict.delayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));
    }
    try {
      const result = await rooms.resolve({
        meetingId,
        pin,
        callerKey: this.callerKey,
        language: this.language,
      });
      if (result.ok) {
        guard.succeed(this.callerKey);
      } else if (result.reason === 'wrong') {
        const notice = guard.fail(this.callerKey, meetingId);
        if (notice) {
          rooms.notifyFailures(notice).catch((error: unknown) => {
            this.deps.logger.warn({ err: describeError(error) }, 'dial-in failure notice failed');
          });
        }
      }
      this.ticket = result.ok ? result.ticket : undefined;
      this.feed({ type: 'resolved', result });
    } catch (error) {
      this.deps.logger.error({ err: describeError(error), call: this.callId }, 'dial-in resolve failed');
      this.feed({ type: 'resolved', result: { ok: false, reason: 'error' } });
    }
  }

  private async enter(): Promise<void> {
    const ticket = this.ticket;
    if (!ticket) {
      this.feed({ type: 'enter_failed' });
      return;
    }
    try {
      const seat = await this.deps.rooms.enter(ticket, this);
      if (this.ended) {
        await seat.leave();
        return;
      }
      this.seat = seat;
      this.seatOffs = [
        seat.on('waiting', () => {
          this.rtp.forwardCaller = false;
          this.feed({ type: 'seat', event: { seat: 'waiting', args: [] } });
        }),
        seat.on('admitted', (info) => {
          this.rtp.forwardCaller = true;
          this.feed({ type: 'seat', event: { seat: 'admitted', args: [info] } });
        }),
        seat.on('muted', () => this.feed({ type: 'seat', event: { seat: 'muted', args: [] } })),
        seat.on('unmuted', () => this.feed({ type: 'seat', event: { seat: 'unmuted', args: [] } })),
        seat.on('ended', (reason) => {
          this.rtp.forwardCaller = false;
          this.feed({ type: 'seat', event: { seat: 'ended', args: [reason] } });
        }),
      ];
      this.deps.logger.info({ call: this.callId }, 'phone caller entered a meeting');
    } catch (error) {
      this.deps.logger.error({ err: describeError(error), call: this.callId }, 'dial-in enter failed');
      this.feed({ type: 'enter_failed' });
    }
  }

  private async toggleMute(): Promise<void> {
    const seat = this.seat;
    if (!seat) {
      return;
    }
    try {
      this.feed({ type: 'self_mute', result: await seat.toggleSelfMute() });
    } catch (error) {
      this.deps.logger.warn({ err: describeError(error), call: this.callId }, 'self mute failed');
    }
  }
}
