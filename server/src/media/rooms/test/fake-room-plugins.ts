import { FakeSubscriptions } from './fake-subscriptions.js';

export type Jsep = { type: string; sdp: string };
export type Data = Record<string, unknown>;

/** How the fake plugin answers: synchronously (`success`) or as an event after Janus's ack. */
export interface PluginReply {
  sync?: boolean;
  data: Data;
  jsep?: Jsep;
  /** Runs after the reply went out (e.g. notifying the other participants). */
  after?: () => void;
}

interface Room {
  secret: string;
  /** participant id → handle id */
  members: Map<string, number>;
  muted: Set<string>;
  /** AudioBridge: whom Janus counts as talking (tests set it; `listparticipants` reports it). */
  talking: Set<string>;
  /** Publishers whose (pretend) PeerConnection is up. */
  live: Set<string>;
}

export type Push = (handleId: number, data: Data, jsep?: Jsep) => void;

export const fakeAnswer: Jsep = { type: 'answer', sdp: 'v=0\r\ns=fake-answer\r\n' };
export const fakeOffer: Jsep = { type: 'offer', sdp: 'v=0\r\ns=fake-offer\r\n' };

const key = (plugin: string, room: unknown) => `${plugin}|${String(room)}`;
const short = (plugin: string) => (plugin === 'janus.plugin.audiobridge' ? 'audiobridge' : 'videoroom');

/**
 * Just enough AudioBridge and VideoRoom for unit tests of request shapes and event handling: rooms with
 * secrets, the admin key, participants, plain-RTP ports, moderator mute, kick, publishers going live at
 * `publish`, subscriptions with offer/answer bookkeeping and Janus's error codes.
 */
export class RoomsPluginFake {
  readonly rooms = new Map<string, Room>();
  readonly subscriptions: FakeSubscriptions;
  private readonly membership = new Map<number, { roomKey: string; id: string; plugin: string }>();
  private nextPort = 40000;

  constructor(
    private readonly adminKey: string | undefined,
    private readonly push: Push,
  ) {
    this.subscriptions = new FakeSubscriptions(push, fakeOffer);
  }

  handle(plugin: string, handleId: number, body: Data, jsep: Jsep | undefined): PluginReply {
    const name = short(plugin);
    const fail = (code: number, error: string): PluginReply => ({
      sync: ['create', 'destroy', 'mute', 'unmute', 'kick', 'listparticipants'].includes(
        String(body.request),
      ),
      data: { [name]: 'event', error_code: code, error },
    });
    const codes =
      name === 'audiobridge'
        ? { noRoom: 485, exists: 486, auth: 489 }
        : { noRoom: 426, exists: 427, auth: 433 };
    const room = this.rooms.get(key(plugin, body.room));
    switch (body.request) {
      case 'create':
        if (this.adminKey !== undefined && body.admin_key !== this.adminKey) {
          return fail(codes.auth, 'Unauthorized (wrong admin_key)');
        }
        if (room) {
          return fail(codes.exists, 'Room exists');
        }
        this.rooms.set(key(plugin, body.room), {
          secret: String(body.secret),
          members: new Map(),
          muted: new Set(),
          talking: new Set(),
          live: new Set(),
        });
        return { sync: true, data: { [name]: 'created', room: body.room, permanent: false } };
      case 'destroy':
        if (!room) {
          return fail(codes.noRoom, 'No such room');
        }
        if (body.secret !== room.secret) {
          return fail(codes.auth, 'Unauthorized (wrong secret)');
        }
        this.rooms.delete(key(plugin, body.room));
        return {
          sync: true,
          data: { [name]: 'destroyed', room: body.room },
          after: () =>
            room.members.forEach((member) => this.push(member, { [name]: 'destroyed', room: body.room })),
        };
      case 'mute':
      case 'unmute':
      case 'kick': {
        const id = String(body.id);
        if (!room) {
          return fail(codes.noRoom, 'No such room');
        }
        if (body.secret !== room.secret) {
          return fail(codes.auth, 'Unauthorized (wrong secret)');
        }
        if (!room.members.has(id)) {
          return fail(492, `No such user ${id}`);
        }
        if (body.request === 'kick') {
          room.members.delete(id);
        } else if (body.request === 'mute') {
          room.muted.add(id);
        } else {
          room.muted.delete(id);
        }
        return { sync: true, data: { [name]: 'success', room: body.room } };
      }
      case 'listparticipants':
        if (!room) {
          return fail(codes.noRoom, 'No such room');
        }
        return {
          sync: true,
          data: {
            [name]: 'participants',
            room: body.room,
            participants: [...room.members.keys()].map((id) => ({
              id,
              display: 'Someone',
              setup: true,
              muted: room.muted.has(id),
              talking: room.talking.has(id),
            })),
          },
        };
      case 'join':
        if (!room) {
          return fail(codes.noRoom, 'No such room');
        }
        return body.ptype === 'subscriber'
          ? this.subscriptions.join(handleId, body, (feed) => room.live.has(feed))
          : this.join(plugin, name, handleId, room, body, jsep);
      case 'publish':
        return this.publish(handleId, jsep);
      case 'configure':
        if (body.restart === true) {
          return { data: { videoroom: 'event', configured: 'ok' }, jsep: fakeOffer };
        }
        return {
          data: { [name]: 'event', result: 'ok', configured: 'ok' },
          ...(jsep ? { jsep: fakeAnswer } : {}),
        };
      case 'start':
        return this.subscriptions.start(handleId);
      case 'update':
        return this.subscriptions.update(handleId, body);
      default:
        return fail(name === 'audiobridge' ? 482 : 423, 'Unknown request');
    }
  }

  /** The handle's session went away: it leaves its room, and the others hear of it. */
  leave(handleId: number): void {
    const member = this.membership.get(handleId);
    this.membership.delete(handleId);
    this.subscriptions.drop(handleId);
    const room = member ? this.rooms.get(member.roomKey) : undefined;
    if (!member || !room || room.members.get(member.id) !== handleId) {
      return;
    }
    room.members.delete(member.id);
    const name = short(member.plugin);
    const roomId = member.roomKey.split('|')[1];
    const wasLive = room.live.delete(member.id);
    room.members.forEach((other) => {
      if (wasLive) {
        this.push(other, { videoroom: 'event', room: roomId, unpublished: member.id });
      }
      this.push(other, { [name]: 'event', room: roomId, leaving: member.id });
    });
  }

  private join(
    plugin: string,
    name: string,
    handleId: number,
    room: Room,
    body: Data,
    jsep: Jsep | undefined,
  ): PluginReply {
    const id = String(body.id);
    if (room.members.has(id)) {
      return {
        data: { [name]: 'event', error_code: name === 'audiobridge' ? 490 : 436, error: 'User ID exists' },
      };
    }
    room.members.set(id, handleId);
    this.membership.set(handleId, { roomKey: key(plugin, body.room), id, plugin });
    if (body.muted === true) {
      room.muted.add(id);
    }
    const data: Data = { [name]: 'joined', room: body.room, id };
    if (name === 'videoroom') {
      data.publishers = [...room.live].map((live) => this.publisherEntry(live));
    }
    const rtp = body.rtp as Data | undefined;
    if (rtp) {
      data.rtp = { ip: '127.0.0.1', port: (this.nextPort += 2), payload_type: body.codec === 'pcma' ? 8 : 0 };
    }
    return { data, ...(jsep ? { jsep: fakeAnswer } : {}) };
  }

  private publish(handleId: number, jsep: Jsep | undefined): PluginReply {
    const member = this.membership.get(handleId);
    const room = member ? this.rooms.get(member.roomKey) : undefined;
    if (!member || !room || !jsep) {
      return { data: { videoroom: 'event', error_code: 424, error: 'Join first' } };
    }
    return {
      data: { videoroom: 'event', configured: 'ok' },
      jsep: fakeAnswer,
      // In Janus the feed is announced once the PeerConnection is up; the fake pretends it is at once.
      after: () => {
        room.live.add(member.id);
        room.members.forEach((other, otherId) => {
          if (otherId !== member.id) {
            this.push(other, {
              videoroom: 'event',
              room: member.roomKey.split('|')[1],
              publishers: [this.publisherEntry(member.id)],
            });
          }
        });
      },
    };
  }

  private publisherEntry(id: string): Data {
    return {
      id,
      display: 'Someone',
      streams: [
        { type: 'video', mindex: 0, mid: '0', codec: 'vp8', simulcast: true },
        { type: 'video', mindex: 1, mid: '1', disabled: true },
      ],
    };
  }
}
