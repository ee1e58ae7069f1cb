import { isIP } from 'node:net';
import { describeError, type Logger } from '../../lib/logger.js';
import { TypedEmitter } from '../../lib/typed-emitter.js';
import { JanusError } from '../errors.js';
import { AudioLeg, type MuteControl } from './audio-leg.js';
import type { RoomNode } from './media-leg.js';
import { RoomCore } from './room-core.js';
import {
  answerOf,
  assertParticipantId,
  OBSERVER_ID,
  parsePlainRtpLocal,
  parseTalking,
  randomRoomId,
  randomSecret,
} from './room-fns.js';
import type { RoomCloseReason, SdpAnswer, SdpOffer } from './room-types.js';

export const AUDIOBRIDGE = 'janus.plugin.audiobridge';
const NO_SUCH_USER = 492;

export interface AudioBridgeRoomOptions {
  /** Janus room id (string_ids); random if absent. */
  roomId?: string;
  /** Shown by Janus only (logs at verbose levels, admin tools); keep it free of personal data. */
  description: string;
  logger: Logger;
  /**
   * Packets (20 ms each) Janus queues per participant before mixing it; the queue is capped at twice that.
   * Janus's default is 6 (120 ms). 4 keeps the mouth-to-ear delay 40 ms lower and still absorbs the jitter of
   * an ordinary home connection; raise it for lossy networks. Max 50.
   */
  prebufferPackets?: number;
  /**
   * Talking detection (from the ssrc-audio-level extension): the average level over `talkingPackets` packets
   * must be below `talkingLevel` dBov (0 loud, 127 silent). Janus's defaults (25 over 100 packets = 2 s) miss
   * soft speakers and lag; 40 over 50 packets (1 s) keeps background noise out and flips within a second.
   */
  talkingLevel?: number;
  talkingPackets?: number;
  /**
   * Percent of loss Janus's Opus encoders plan for: non-zero turns in-band FEC on for WebRTC legs (the
   * browsers' offers announce useinbandfec=1). 10 costs a few kbit/s and covers typical Wi-Fi loss.
   */
  expectedLossPercent?: number;
}

export interface AudioParticipant {
  participantId: string;
  muted: boolean;
  /** A PeerConnection is up (WebRTC) or the first RTP packet arrived (plain RTP). */
  setup: boolean;
  talking: boolean;
}

export type AudioBridgeRoomEvents = {
  /** Active-speaker changes, from Janus's talking events (WebRTC legs only: see the report in the tests). */
  talking: [participantId: string, talking: boolean];
  closed: [reason: RoomCloseReason];
};

/**
 * A meeting's audio: one AudioBridge room where Janus mixes everybody (each participant receives one Opus
 * stream, whatever the group size), with WebRTC legs for browsers and plain-RTP G.711 legs for phones.
 * Only the server ever joins: the room has a random secret and no pin.
 */
export class AudioBridgeRoom extends TypedEmitter<AudioBridgeRoomEvents> {
  private readonly talkingNow = new Set<string>();
  /** Checks after an unmute whether Janus counts the person as talking (see `recheckTalking`). */
  private readonly talkingChecks = new Map<string, NodeJS.Timeout>();
  private readonly expectedLoss: number;

  static async create(node: RoomNode, options: AudioBridgeRoomOptions): Promise<AudioBridgeRoom> {
    const roomId = options.roomId ?? randomRoomId();
    const secret = randomSecret();
    // Events can come while the observer joins, before the room object exists: they are dropped then.
    const ref: { room?: AudioBridgeRoom } = {};
    const { core } = await RoomCore.open({
      node,
      plugin: AUDIOBRIDGE,
      roomId,
      secret,
      logger: options.logger,
      create: {
        request: 'create',
        room: roomId,
        description: options.description,
        secret,
        is_private: true,
        sampling_rate: 48_000,
        audiolevel_ext: true,
        audiolevel_event: true,
        audio_level_average: options.talkingLevel ?? 40,
        audio_active_packets: options.talkingPackets ?? 50,
        default_prebuffering: options.prebufferPackets ?? 4,
        default_expectedloss: options.expectedLossPercent ?? 10,
        allow_rtp_participants: true,
        ...(node.adminKey !== undefined ? { admin_key: node.adminKey } : {}),
      },
      // Muted and without media: the observer adds nothing to the mix and gets no encoder output.
      observe: { request: 'join', room: roomId, id: OBSERVER_ID, muted: true },
      onEvent: (data) => ref.room?.onEvent(data),
      onClosed: (reason) => ref.room?.onClosed(reason),
    });
    const room = new AudioBridgeRoom(roomId, secret, core, options);
    ref.room = room;
    return room;
  }

  private constructor(
    readonly roomId: string,
    private readonly secret: string,
    private readonly core: RoomCore,
    private readonly options: AudioBridgeRoomOptions,
  ) {
    const log = options.logger.child({ component: 'audio-bridge-room', room: roomId });
    super((error, event) => log.error({ err: describeError(error), event }, 'audio room listener failed'));
    this.expectedLoss = options.expectedLossPercent ?? 10;
  }

  get closed(): boolean {
    return this.core.closed;
  }

  /** Joins a browser: the offer goes with the `join`; resolves with Janus's answer. Replaces an earlier leg. */
  async joinWebRtc(params: {
    participantId: string;
    display: string;
    muted: boolean;
    offer: SdpOffer;
  }): Promise<{ answer: SdpAnswer; leg: AudioLeg }> {
    const body = { ...this.joinBody(params), expected_loss: this.expectedLoss };
    const { leg, reply } = await this.join(params.participantId, 'webrtc', params.muted, body, params.offer);
    try {
      return { answer: answerOf(reply.jsep, AUDIOBRIDGE), leg };
    } catch (error) {
      await leg.close();
      throw error;
    }
  }

  /**
   * Joins a phone call relayed by the SIP gateway: Janus sends the mix (G.711, 20 ms) to `remote` once it has
   * received a first packet, and expects the caller's audio at the returned `local` address.
   */
  async joinPlainRtp(params: {
    participantId: string;
    display: string;
    muted: boolean;
    codec: 'pcma' | 'pcmu';
    remote: { ip: string; port: number; payloadType: number };
  }): Promise<{ local: { ip: string; port: number }; leg: AudioLeg }> {
    const { ip, port, payloadType } = params.remote;
    if (isIP(ip) === 0 || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new RangeError('The remote RTP end must be an IP address and a port');
    }
    const body = {
      ...this.joinBody(params),
      codec: params.codec,
      // Janus derives G.711 payload types itself (0/8); the type is passed for completeness.
      rtp: { ip, port, payload_type: payloadType },
    };
    const { leg, reply } = await this.join(params.participantId, 'rtp', params.muted, body, undefined);
    try {
      return { local: parsePlainRtpLocal(reply.data), leg };
    } catch (error) {
      await leg.close();
      throw error;
    }
  }

  /** Takes a participant out of the room at once (their leg closes with `kicked`). No-op if absent. */
  async kick(participantId: string): Promise<void> {
    const leg = this.core.leg(participantId);
    if (leg) {
      await this.core.release(participantId, 'kicked');
      return;
    }
    await this.core
      .request({ request: 'kick', room: this.roomId, secret: this.secret, id: participantId })
      .catch((error: unknown) => {
        if (!(error instanceof JanusError && error.code === NO_SUCH_USER)) {
          throw error;
        }
      });
  }

  /** Who Janus has in the room (the observer left out). */
  async listParticipants(): Promise<AudioParticipant[]> {
    const data = await this.core.request({ request: 'listparticipants', room: this.roomId });
    const list = Array.isArray(data.participants) ? (data.participants as unknown[]) : [];
    return list.flatMap((entry): AudioParticipant[] => {
      const record = entry as Record<string, unknown>;
      if (typeof record.id !== 'string' || record.id === OBSERVER_ID) {
        return [];
      }
      return [
        {
          participantId: record.id,
          muted: record.muted === true,
          setup: record.setup === true,
          talking: record.talking === true,
        },
      ];
    });
  }

  /** Destroys the room in Janus and closes every leg (`room_closed`). Idempotent; never rejects. */
  destroy(): Promise<void> {
    return this.core.destroy();
  }

  private joinBody(params: { participantId: string; display: string; muted: boolean }) {
    assertParticipantId(params.participantId);
    return {
      request: 'join',
      room: this.roomId,
      id: params.participantId,
      display: params.display,
      muted: params.muted,
    };
  }

  private join(
    participantId: string,
    transport: 'webrtc' | 'rtp',
    muted: boolean,
    body: Record<string, unknown>,
    offer: SdpOffer | undefined,
  ) {
    return this.core.openLeg(
      participantId,
      async (session, handle) => {
        const reply = await handle.message(body, offer);
        const leg = new AudioLeg(session, handle, this.options.logger, {
          participantId,
          transport,
          muted,
          control: this.muteControl(participantId),
        });
        return { leg, result: { leg, reply } };
      },
      () => this.setTalking(participantId, false),
    );
  }

  private muteControl(participantId: string): MuteControl {
    return async (muted) => {
      await this.core.request({
        request: muted ? 'mute' : 'unmute',
        room: this.roomId,
        secret: this.secret,
        id: participantId,
      });
      // Janus drops a muted participant's packets before its level meter: no stopped-talking would come.
      if (muted) {
        clearTimeout(this.talkingChecks.get(participantId));
        this.talkingChecks.delete(participantId);
        this.setTalking(participantId, false);
      } else {
        this.recheckTalking(participantId);
      }
    };
  }

  /**
   * Janus keeps a muted participant's talking flag as it was when the mute came, and announces only changes: someone
   * muted mid-sentence who unmutes and talks on would never be shown talking (nor become the active speaker).
   * One measuring window after the unmute, ask Janus whom it counts as talking.
   */
  private recheckTalking(participantId: string): void {
    clearTimeout(this.talkingChecks.get(participantId));
    const windowMs = (this.options.talkingPackets ?? 50) * 20;
    const timer = setTimeout(() => {
      this.talkingChecks.delete(participantId);
      this.listParticipants()
        .then((participants) => {
          const janus = participants.find((candidate) => candidate.participantId === participantId);
          if (janus?.talking === true && !janus.muted && this.core.leg(participantId)) {
            this.setTalking(participantId, true);
          }
        })
        // The room is closing or Janus is gone: there is nothing left to correct.
        .catch(() => undefined);
    }, windowMs + 250);
    timer.unref();
    this.talkingChecks.set(participantId, timer);
  }

  private onEvent(data: Record<string, unknown>): void {
    const talking = parseTalking(data, 'audiobridge', this.roomId);
    // A late event for a leg that has just closed must not leave it "talking" for ever.
    if (talking && (!talking.talking || this.core.leg(talking.participantId))) {
      this.setTalking(talking.participantId, talking.talking);
    }
  }

  private setTalking(participantId: string, talking: boolean): void {
    if (this.talkingNow.has(participantId) === talking) {
      return;
    }
    if (talking) {
      this.talkingNow.add(participantId);
    } else {
      this.talkingNow.delete(participantId);
    }
    this.emit('talking', participantId, talking);
  }

  private onClosed(reason: RoomCloseReason): void {
    this.talkingNow.clear();
    this.talkingChecks.forEach((timer) => clearTimeout(timer));
    this.talkingChecks.clear();
    this.emit('closed', reason);
    this.removeAllListeners();
  }
}
