import { TypedEmitter } from '../../../lib/typed-emitter.js';
import { JanusClosedError, JanusError, MediaUnavailableError } from '../../../media/errors.js';
import type { RoomNode } from '../../../media/rooms/media-leg.js';
import { parsePublisherId, publisherIdOf } from '../../../media/rooms/room-fns.js';
import type {
  AudioLegPort,
  AudioRoomPort,
  PublisherPort,
  RoomMediaFactory,
  RoomMediaPlane,
  VideoRoomPort,
} from '../../../media/rooms/room-ports.js';
import type {
  LegCloseReason,
  PublisherInfo,
  PublisherKind,
  RoomCloseReason,
  SdpOffer,
} from '../../../media/rooms/room-types.js';
import type { FeedRef } from '../../../media/rooms/video-subscriber.js';
import { answer, FakeLeg } from './fake-leg.js';
import { FakeSubscriber } from './fake-subscriber.js';

export { answer };
export const offer: SdpOffer = { type: 'offer', sdp: 'v=0\r\ns=fake-offer\r\n' };

export class FakeAudioLeg extends FakeLeg implements AudioLegPort {
  constructor(
    readonly participantId: string,
    public muted: boolean,
    private readonly room: FakeAudioRoom,
  ) {
    super();
  }

  async setMuted(muted: boolean): Promise<void> {
    if (this.closed) {
      throw new JanusClosedError('closed');
    }
    if (this.room.failMutes) {
      throw new JanusError(500, 'fake mute failure', 'janus.plugin.audiobridge');
    }
    this.muted = muted;
  }
}

export class FakeAudioRoom
  extends TypedEmitter<{ talking: [string, boolean]; closed: [RoomCloseReason] }>
  implements AudioRoomPort
{
  readonly legs = new Map<string, FakeAudioLeg>();
  readonly joins: Array<{ participantId: string; display: string; muted: boolean }> = [];
  readonly phoneRemotes = new Map<string, { ip: string; port: number; payloadType: number }>();
  failMutes = false;
  closed = false;

  constructor(readonly node: RoomNode) {
    super();
  }

  async joinWebRtc(params: { participantId: string; display: string; muted: boolean; offer: SdpOffer }) {
    return { answer, leg: await this.addLeg(params) };
  }

  /** Phone legs: `local` is where the fake "Janus" would expect the caller's RTP. */
  async joinPlainRtp(params: {
    participantId: string;
    display: string;
    muted: boolean;
    codec: 'pcma' | 'pcmu';
    remote: { ip: string; port: number; payloadType: number };
  }) {
    const leg = await this.addLeg(params);
    this.phoneRemotes.set(params.participantId, params.remote);
    return { local: { ip: '127.0.0.1', port: 30_000 + this.joins.length }, leg };
  }

  private async addLeg(params: { participantId: string; display: string; muted: boolean }) {
    if (this.closed) {
      throw new JanusClosedError('room closed');
    }
    await this.legs.get(params.participantId)?.end('replaced');
    const leg = new FakeAudioLeg(params.participantId, params.muted, this);
    this.joins.push({ participantId: params.participantId, display: params.display, muted: params.muted });
    this.legs.set(params.participantId, leg);
    leg.on('closed', () => {
      if (this.legs.get(params.participantId) === leg) {
        this.legs.delete(params.participantId);
      }
    });
    return leg;
  }

  talk(participantId: string, talking: boolean): void {
    this.emit('talking', participantId, talking);
  }

  destroy(): Promise<void> {
    return this.finish('destroyed', 'room_closed');
  }

  /** The node went away: legs and room close as `janus_lost`. */
  lose(): Promise<void> {
    return this.finish('janus_lost', 'janus_lost');
  }

  private async finish(reason: RoomCloseReason, legReason: LegCloseReason): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    await Promise.all([...this.legs.values()].map((leg) => leg.end(legReason)));
    this.emit('closed', reason);
    this.removeAllListeners();
  }
}

export class FakePublisher extends FakeLeg implements PublisherPort {
  constructor(
    readonly publisherId: string,
    readonly kind: PublisherKind,
    readonly withAudio: boolean,
  ) {
    super();
  }
}

export class FakeVideoRoom
  extends TypedEmitter<{ publishersChanged: [PublisherInfo[]]; closed: [RoomCloseReason] }>
  implements VideoRoomPort
{
  readonly feeds = new Map<string, FakePublisher>();
  readonly subscribers: FakeSubscriber[] = [];
  closed = false;

  constructor(readonly node: RoomNode) {
    super();
  }

  publishers(): PublisherInfo[] {
    return [...this.feeds.values()].map((publisher) => {
      const parsed = parsePublisherId(publisher.publisherId);
      return {
        publisherId: publisher.publisherId,
        participantId: parsed?.participantId ?? '',
        kind: publisher.kind,
        streams: [
          { mid: '0', type: 'video' as const, simulcast: publisher.kind === 'camera' },
          ...(publisher.withAudio ? [{ mid: '1', type: 'audio' as const, simulcast: false }] : []),
        ],
      };
    });
  }

  async publish(params: { participantId: string; offer: SdpOffer; kind: PublisherKind; display: string }) {
    if (this.closed) {
      throw new JanusClosedError('room closed');
    }
    const id = publisherIdOf(params.participantId, params.kind);
    await this.feeds.get(id)?.end('replaced');
    const publisher = new FakePublisher(id, params.kind, params.offer.sdp.includes('m=audio'));
    this.feeds.set(id, publisher);
    publisher.on('closed', () => {
      if (this.feeds.get(id) === publisher) {
        this.feeds.delete(id);
        this.subscribers.forEach((subscriber) => subscriber.feedGone(id));
        this.emit('publishersChanged', this.publishers());
      }
    });
    this.emit('publishersChanged', this.publishers());
    return { answer, publisher };
  }

  async subscribe(params: { participantId: string; feeds: FeedRef[] }) {
    if (params.feeds.some((feed) => !this.feeds.has(feed.publisherId))) {
      throw new JanusError(428, 'No such feed', 'janus.plugin.videoroom');
    }
    const subscriber = new FakeSubscriber(params.participantId, params.feeds, (id) => this.feeds.has(id));
    this.subscribers.push(subscriber);
    return { offer, subscriber };
  }

  destroy(): Promise<void> {
    return this.finish('destroyed', 'room_closed');
  }

  lose(): Promise<void> {
    return this.finish('janus_lost', 'janus_lost');
  }

  private async finish(reason: RoomCloseReason, legReason: LegCloseReason): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    const legs = [...this.feeds.values(), ...this.subscribers];
    this.feeds.clear();
    await Promise.all(legs.map((leg) => leg.end(legReason)));
    this.emit('closed', reason);
    this.removeAllListeners();
  }
}

/** Creates fake rooms and keeps them for the test to look at; `unavailable` makes creation fail. */
export class FakeRoomMedia implements RoomMediaFactory {
  readonly audioRooms: FakeAudioRoom[] = [];
  readonly videoRooms: FakeVideoRoom[] = [];
  unavailable = false;
  /** Creation takes this long (to race it with people leaving and coming back). */
  delayMs = 0;

  get audio(): FakeAudioRoom {
    const room = this.audioRooms.at(-1);
    if (!room) {
      throw new Error('no audio room yet');
    }
    return room;
  }

  get video(): FakeVideoRoom {
    const room = this.videoRooms.at(-1);
    if (!room) {
      throw new Error('no video room yet');
    }
    return room;
  }

  async createAudioRoom(node: RoomNode): Promise<FakeAudioRoom> {
    if (this.delayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    }
    if (this.unavailable) {
      throw new MediaUnavailableError();
    }
    const room = new FakeAudioRoom(node);
    this.audioRooms.push(room);
    return room;
  }

  async createVideoRoom(node: RoomNode): Promise<FakeVideoRoom> {
    if (this.delayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    }
    if (this.unavailable) {
      throw new MediaUnavailableError();
    }
    const room = new FakeVideoRoom(node);
    this.videoRooms.push(room);
    return room;
  }
}

export function fakeNode(): RoomNode {
  return { adminKey: undefined, createSession: () => Promise.reject(new Error('fake node: no sessions')) };
}

/** Nodes the test takes down and up, as MediaPlane re-emits a JanusNode's `down` and `up`. */
export class FakeMediaPlane
  extends TypedEmitter<{ nodeUp: [RoomNode]; nodeDown: [RoomNode, Error | undefined] }>
  implements RoomMediaPlane
{
  readonly up = new Set<RoomNode>();

  constructor(readonly nodes: RoomNode[] = [fakeNode()]) {
    super();
    nodes.forEach((node) => this.up.add(node));
  }

  pick(): RoomNode {
    const node = this.nodes.find((candidate) => this.up.has(candidate));
    if (!node) {
      throw new MediaUnavailableError();
    }
    return node;
  }

  down(node: RoomNode): void {
    this.up.delete(node);
    this.emit('nodeDown', node, undefined);
  }

  bringUp(node: RoomNode): void {
    this.up.add(node);
    this.emit('nodeUp', node);
  }
}
