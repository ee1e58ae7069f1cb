import type { Logger } from '../../lib/logger.js';
import type { JanusHandle, JanusSession } from '../janus-session.js';
import type { Jsep } from '../janus-types.js';
import { MediaLeg } from './media-leg.js';
import { answerOf } from './room-fns.js';
import type { PublisherKind, SdpAnswer, SdpOffer } from './room-types.js';

/** Janus core reads the simulcast rid order from the jsep (`rid_order`), at every (re)negotiation. */
export function withRidOrder(offer: SdpOffer, ridOrder: 'hml' | 'lmh' | undefined): Jsep {
  return { type: offer.type, sdp: offer.sdp, ...(ridOrder ? { rid_order: ridOrder } : {}) };
}

/** One camera or screen-share PeerConnection publishing into a VideoRoom, on its own Janus session. */
export class Publisher extends MediaLeg {
  /** The feed id others subscribe to: `<participantId>:<kind>`. */
  readonly publisherId: string;
  readonly participantId: string;
  readonly kind: PublisherKind;
  private readonly ridOrder: 'hml' | 'lmh' | undefined;

  /** @internal Created by VideoRoom.publish. */
  constructor(
    session: JanusSession,
    handle: JanusHandle,
    logger: Logger,
    identity: {
      publisherId: string;
      participantId: string;
      kind: PublisherKind;
      ridOrder?: 'hml' | 'lmh' | undefined;
    },
  ) {
    super(session, handle, logger);
    this.publisherId = identity.publisherId;
    this.participantId = identity.participantId;
    this.kind = identity.kind;
    this.ridOrder = identity.ridOrder;
  }

  /**
   * ICE restart or renegotiation (e.g. a track added): the browser's new offer goes with a `configure`;
   * resolves with Janus's answer. Publishers always offer, so Janus never has to. The rid order given at
   * `publish` is sent again: Janus would otherwise fall back to `hml` for the new offer.
   */
  async restartIce(offer: SdpOffer): Promise<SdpAnswer> {
    const reply = await this.handle.message({ request: 'configure' }, withRidOrder(offer, this.ridOrder));
    return answerOf(reply.jsep, this.handle.plugin);
  }
}
