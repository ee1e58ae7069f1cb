import type { Logger } from '../../lib/logger.js';
import { JanusClosedError } from '../errors.js';
import type { JanusHandle, JanusSession } from '../janus-session.js';
import { MediaLeg } from './media-leg.js';
import { answerOf } from './room-fns.js';
import type { SdpAnswer, SdpOffer } from './room-types.js';

/** The room's moderator mute: `mute`/`unmute` with the room secret, on the room's control handle. */
export type MuteControl = (muted: boolean) => Promise<void>;

/**
 * One participant in an AudioBridge room: a browser's PeerConnection (`webrtc`) or a phone call's RTP
 * (`rtp`), on its own Janus session.
 */
export class AudioLeg extends MediaLeg {
  readonly participantId: string;
  readonly transport: 'webrtc' | 'rtp';
  private isMuted: boolean;
  private readonly control: MuteControl;

  /** @internal Created by AudioBridgeRoom. */
  constructor(
    session: JanusSession,
    handle: JanusHandle,
    logger: Logger,
    options: { participantId: string; transport: 'webrtc' | 'rtp'; muted: boolean; control: MuteControl },
  ) {
    super(session, handle, logger);
    this.participantId = options.participantId;
    this.transport = options.transport;
    this.isMuted = options.muted;
    this.control = options.control;
  }

  /** Whether Janus keeps this participant out of the mix (as far as we have told it). */
  get muted(): boolean {
    return this.isMuted;
  }

  /**
   * Mutes or unmutes in the mixer, as the moderator: the request carries the room secret and goes over the
   * room's control handle. In Janus 1.1.2 this sets the same flag a participant's own `configure` would;
   * what makes it stick is that browsers never reach Janus, and this layer never sends `configure.muted`.
   */
  async setMuted(muted: boolean): Promise<void> {
    if (this.closed) {
      throw new JanusClosedError('The audio leg is closed');
    }
    await this.control(muted);
    this.isMuted = muted;
  }

  /**
   * ICE restart (or any renegotiation): the browser's new offer goes with a `configure` that changes nothing
   * else; resolves with Janus's answer. WebRTC legs only.
   */
  async restartIce(offer: SdpOffer): Promise<SdpAnswer> {
    if (this.transport !== 'webrtc') {
      throw new Error('Only WebRTC legs can restart ICE');
    }
    const reply = await this.handle.message({ request: 'configure' }, offer);
    return answerOf(reply.jsep, this.handle.plugin);
  }
}
