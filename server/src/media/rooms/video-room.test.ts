import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JanusError } from '../errors.js';
import type { JanusNode } from '../janus-node.js';
import { captureLogs, until } from '../test/log-capture.js';
import type { PublisherInfo } from './room-types.js';
import { startFakeRoomsNode, type FakeRoomsJanus } from './test/fake-rooms.js';
import { fakeOffer } from './test/fake-room-plugins.js';
import { VideoRoom } from './video-room.js';

const offer = { type: 'offer' as const, sdp: 'v=0\r\ns=browser\r\n' };
const answer = { type: 'answer' as const, sdp: 'v=0\r\ns=browser-answer\r\n' };

describe('VideoRoom against a fake Janus', () => {
  let janus: FakeRoomsJanus;
  let node: JanusNode;
  let close: () => Promise<void>;
  const logs = captureLogs();
  const { logger } = logs;

  beforeEach(async () => {
    ({ janus, node, close } = await startFakeRoomsNode({ logger }));
  });
  afterEach(() => close());

  const create = () => VideoRoom.create(node, { description: 'Gruppe', maxPublishers: 8, logger });
  const publish = (room: VideoRoom, participantId: string, kind: 'camera' | 'screen' = 'camera') =>
    room.publish({ participantId, display: 'Display Name', offer, kind });
  /** A room with two live camera feeds and a `publishersChanged` log. */
  async function roomWithFeeds() {
    const room = await create();
    const changes: PublisherInfo[][] = [];
    room.on('publishersChanged', (list) => void changes.push(list));
    await publish(room, 'alice');
    const { publisher: bob } = await publish(room, 'bob');
    await until(() => room.publishers().length === 2);
    return { room, changes, bob };
  }

  it('creates a private VP8/H.264 room with a bitrate cap, keyframes, a random secret, no admin key if none', async () => {
    const room = await create();
    const body = janus.bodies('create')[0]!;
    expect(body).toMatchObject({
      request: 'create',
      room: room.roomId,
      is_private: true,
      publishers: 8,
      bitrate: 1_500_000,
      fir_freq: 10,
      videocodec: 'vp8,h264',
      audiocodec: 'opus',
      notify_joining: false,
    });
    expect(body).not.toHaveProperty('admin_key');
    expect(String(body.secret)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(janus.bodies('join')[0]).toMatchObject({ request: 'join', ptype: 'publisher', id: '~observer' });
    expect(janus.bodies('join')[0]).not.toHaveProperty('display');
    await expect(
      VideoRoom.create(node, { description: 'x', maxPublishers: 0, logger }),
    ).rejects.toBeInstanceOf(RangeError);
  });

  it('publishes as <participantId>:<kind>: join, then publish with the offer and the kind’s bitrate', async () => {
    const room = await create();
    const camera = await publish(room, 'alice');
    const screen = await publish(room, 'alice', 'screen');
    expect(camera.answer).toEqual({ type: 'answer', sdp: 'v=0\r\ns=fake-answer\r\n' });
    expect(camera.publisher).toMatchObject({
      publisherId: 'alice:camera',
      participantId: 'alice',
      kind: 'camera',
    });
    expect(screen.publisher.publisherId).toBe('alice:screen');
    expect(janus.bodies('join').slice(1)).toMatchObject([
      { ptype: 'publisher', id: 'alice:camera', display: 'Display Name' },
      { ptype: 'publisher', id: 'alice:screen' },
    ]);
    expect(janus.bodies('publish')).toMatchObject([{ bitrate: 1_500_000 }, { bitrate: 2_000_000 }]);
    expect(janus.requestsOf('message').filter((request) => request.jsep !== undefined)).toHaveLength(2);
    expect(camera.publisher.closed).toBe(false);
  });

  it('announces feeds as they go live and go away, with kind and streams but no names', async () => {
    const { room, changes, bob } = await roomWithFeeds();
    expect(room.publishers()).toEqual([
      {
        publisherId: 'alice:camera',
        participantId: 'alice',
        kind: 'camera',
        streams: [{ mid: '0', type: 'video', simulcast: true }],
      },
      expect.objectContaining({ publisherId: 'bob:camera' }),
    ]);
    // Events of other rooms are ignored.
    janus.pushEvent(janus.bodies('create')[0]!.handle_id, {
      videoroom: 'event',
      room: 'elsewhere',
      leaving: 'bob:camera',
    });
    // Bob's session ends: Janus tells the observer the feed is unpublished and Bob left.
    await bob.close();
    await until(() => room.publishers().length === 1);
    expect(changes.at(-1)?.map((p) => p.publisherId)).toEqual(['alice:camera']);
    expect(changes).toHaveLength(3);
  });

  it('subscribes with autoupdate off, one offer from Janus, and no display names in the streams', async () => {
    const { room } = await roomWithFeeds();
    const { offer: janusOffer, subscriber } = await room.subscribe({
      participantId: 'carol',
      feeds: [{ publisherId: 'alice:camera', mid: '0' }, { publisherId: 'bob:camera' }],
    });
    expect(janusOffer).toEqual(fakeOffer);
    expect(janus.bodies('join').at(-1)).toMatchObject({
      ptype: 'subscriber',
      room: room.roomId,
      autoupdate: false,
      use_msid: true,
      streams: [{ feed: 'alice:camera', mid: '0' }, { feed: 'bob:camera' }],
    });
    expect(subscriber.streams).toEqual([
      { mid: '0', type: 'video', active: true, publisherId: 'alice:camera', publisherMid: '0' },
      { mid: '1', type: 'video', active: true, publisherId: 'bob:camera', publisherMid: '0' },
    ]);
    await subscriber.start(answer);
    const start = janus.requestsOf('message').at(-1)!;
    expect(start).toMatchObject({ body: { request: 'start' }, jsep: answer });
  });

  it('subscribing to a missing feed rejects with JanusError 428 and frees the session', async () => {
    const room = await create();
    const error = await room
      .subscribe({ participantId: 'carol', feeds: [{ publisherId: 'ghost:camera' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JanusError);
    expect(error).toMatchObject({ code: 428, source: 'janus.plugin.videoroom' });
    const join = janus.bodies('join').at(-1)!;
    await until(() => janus.requestsOf('destroy').some((request) => request.session_id === join.session_id));
    await expect(room.subscribe({ participantId: 'carol', feeds: [] })).rejects.toBeInstanceOf(RangeError);
  });

  it('update: nothing to do → null without asking Janus; changes → one update and a new offer', async () => {
    const { room } = await roomWithFeeds();
    const { subscriber } = await room.subscribe({
      participantId: 'carol',
      feeds: [{ publisherId: 'alice:camera' }],
    });
    await subscriber.start(answer);
    expect(await subscriber.update({ add: [{ publisherId: 'alice:camera' }] })).toBeNull();
    expect(await subscriber.update({})).toBeNull();
    expect(janus.bodies('update')).toHaveLength(0);

    const next = await subscriber.update({
      add: [{ publisherId: 'bob:camera' }],
      remove: [{ publisherId: 'alice:camera' }],
    });
    expect(next).toEqual(fakeOffer);
    expect(janus.bodies('update')[0]).toMatchObject({
      subscribe: [{ feed: 'bob:camera' }],
      unsubscribe: [{ feed: 'alice:camera' }],
    });
    expect(subscriber.streams.map((stream) => stream.publisherId)).toEqual(['bob:camera']);
    await subscriber.start(answer);
    // Janus answers `updated` without an offer when nothing changed on its side.
    expect(await subscriber.update({ remove: [{ publisherId: 'gone:camera' }] })).toBeNull();
  });

  it('a feed that went away and is published again under the same id is added anew', async () => {
    const { room, bob } = await roomWithFeeds();
    const { subscriber } = await room.subscribe({
      participantId: 'carol',
      feeds: [{ publisherId: 'bob:camera' }],
    });
    await subscriber.start(answer);
    await bob.close();
    await until(() => room.publishers().length === 1);
    expect(subscriber.streams[0]).toMatchObject({ publisherId: 'bob:camera', active: false });
    await publish(room, 'bob');
    await until(() => room.publishers().length === 2);
    expect(await subscriber.update({ add: [{ publisherId: 'bob:camera' }] })).toEqual(fakeOffer);
    expect(janus.bodies('update')[0]).toMatchObject({ subscribe: [{ feed: 'bob:camera' }] });
  });

  it('serialises renegotiations: an update waits for the answer to the previous offer', async () => {
    const { room } = await roomWithFeeds();
    const { subscriber } = await room.subscribe({
      participantId: 'carol',
      feeds: [{ publisherId: 'alice:camera' }],
    });
    const pending = subscriber.update({ add: [{ publisherId: 'bob:camera' }] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(janus.bodies('update')).toHaveLength(0);
    await subscriber.start(answer);
    expect(await pending).toEqual(fakeOffer);
    expect(janus.bodies('update')).toHaveLength(1);
  });

  it('takes the offer of a renegotiation Janus postponed (`updating`)', async () => {
    const { room } = await roomWithFeeds();
    const { subscriber } = await room.subscribe({
      participantId: 'carol',
      feeds: [{ publisherId: 'alice:camera' }],
    });
    await subscriber.start(answer);
    janus.plugins.subscriptions.forceUpdating = true;
    expect(await subscriber.update({ add: [{ publisherId: 'bob:camera' }] })).toEqual(fakeOffer);
    expect(subscriber.streams).toHaveLength(2);
  });

  it('configure picks a simulcast layer on the m-lines of one publisher only', async () => {
    const { room } = await roomWithFeeds();
    const { subscriber } = await room.subscribe({
      participantId: 'carol',
      feeds: [{ publisherId: 'alice:camera' }, { publisherId: 'bob:camera' }],
    });
    expect(await subscriber.configure({ publisherId: 'bob:camera', substream: 0 })).toBe(true);
    expect(janus.bodies('configure')[0]).toMatchObject({ streams: [{ mid: '1', substream: 0 }] });
    expect(await subscriber.configure({ publisherId: 'zoe:camera', substream: 2 })).toBe(false);
    expect(janus.bodies('configure')).toHaveLength(1);
  });

  it('restartIce asks Janus for a restart offer', async () => {
    const { room } = await roomWithFeeds();
    const { subscriber } = await room.subscribe({
      participantId: 'carol',
      feeds: [{ publisherId: 'alice:camera' }],
    });
    await subscriber.start(answer);
    expect(await subscriber.restartIce()).toEqual(fakeOffer);
    expect(janus.bodies('configure').at(-1)).toMatchObject({ request: 'configure', restart: true });
    const { publisher } = await publish(room, 'carol');
    expect(await publisher.restartIce(offer)).toMatchObject({ type: 'answer' });
  });

  it('a second publish of the same kind or subscribe of the same participant replaces the first', async () => {
    const { room } = await roomWithFeeds();
    const first = await publish(room, 'carol', 'screen');
    const second = await publish(room, 'carol', 'screen');
    expect(first.publisher.closeReason).toBe('replaced');
    expect(second.publisher.closed).toBe(false);
    const one = await room.subscribe({ participantId: 'carol', feeds: [{ publisherId: 'alice:camera' }] });
    const two = await room.subscribe({ participantId: 'carol', feeds: [{ publisherId: 'bob:camera' }] });
    expect(one.subscriber.closeReason).toBe('replaced');
    expect(two.subscriber.closed).toBe(false);
  });

  it('destroy closes publishers and subscribers with `room_closed`, once', async () => {
    const { room } = await roomWithFeeds();
    const { subscriber } = await room.subscribe({
      participantId: 'carol',
      feeds: [{ publisherId: 'alice:camera' }],
    });
    const closed: string[] = [];
    room.on('closed', (reason) => void closed.push(reason));
    await Promise.all([room.destroy(), room.destroy()]);
    expect(closed).toEqual(['destroyed']);
    expect(subscriber.closeReason).toBe('room_closed');
    expect(room.publishers()).toEqual([]);
    expect(janus.bodies('destroy')).toHaveLength(1);
  });

  it('closes with `janus_lost` when the node goes down', async () => {
    const { room } = await roomWithFeeds();
    const { subscriber } = await room.subscribe({
      participantId: 'carol',
      feeds: [{ publisherId: 'alice:camera' }],
    });
    const closed: string[] = [];
    room.on('closed', (reason) => void closed.push(reason));
    janus.dropConnections();
    await until(() => closed.length === 1 && subscriber.closed);
    expect(closed).toEqual(['janus_lost']);
    expect(subscriber.closeReason).toBe('janus_lost');
  });

  it('logs no display names', () => {
    expect(JSON.stringify(logs.lines)).not.toContain('Display Name');
  });
});
