import { TypedEmitter } from '../../../lib/typed-emitter.js';
import type { LegCandidate, LegCloseReason, LegEvents, SdpAnswer } from '../../../media/rooms/room-types.js';

export const answer: SdpAnswer = { type: 'answer', sdp: 'v=0\r\ns=fake-answer\r\n' };

/** A leg of the fakes: records candidates, closes once with a reason. */
export class FakeLeg extends TypedEmitter<LegEvents> {
  readonly trickled: LegCandidate[] = [];
  restarts = 0;
  private reason: LegCloseReason | undefined;

  get closed(): boolean {
    return this.reason !== undefined;
  }

  get closeReason(): LegCloseReason | undefined {
    return this.reason;
  }

  async trickle(candidate: LegCandidate): Promise<void> {
    if (!this.closed) {
      this.trickled.push(candidate);
    }
  }

  async restartIce(): Promise<SdpAnswer> {
    this.restarts += 1;
    return answer;
  }

  close(): Promise<void> {
    return this.end('closed');
  }

  end(reason: LegCloseReason): Promise<void> {
    if (!this.closed) {
      this.reason = reason;
      this.emit('closed', reason);
      this.removeAllListeners();
    }
    return Promise.resolve();
  }
}
