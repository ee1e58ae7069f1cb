import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JanusClosedError, JanusError } from '../errors.js';
import type { JanusNode } from '../janus-node.js';
import { captureLogs, until } from '../test/log-capture.js';
import { AudioBridgeRoom } from './audio-bridge-room.js';
import type { LegCloseReason } from './room-types.js';
import { startFakeRoomsNode, type FakeRoomsJanus } from './test/fake-rooms.js';

const offer = { type: 'offer' as const, sdp: 'v=0\r\ns=browser\r\n' };
const ADMIN_KEY = 'admin-key-0123456789';

describe('AudioBridgeRoom against a fake Janus', () => {
  let janus: FakeRoomsJanus;
  let node: JanusNode;
  let close: () => Promise<void>;
  const logs = captureLogs();
  const { logger } = logs;

  beforeEach(async () => {
    ({ janus, node, close } = await startFakeRoomsNode({ logger, adminKey: ADMIN_KEY }));
  });
  afterEach(() => close());

  const create = () => AudioBridgeRoom.create(node, { description: 'Gruppe', logger });
  const joinWeb = (room: AudioBridgeRoom, participantId: string, muted = false) =>
    room.joinWebRtc({ participantId, display: 'Display Name', muted, offer });
  const controlHandle = () => janus.bodies('create')[0]!.handle_id;

  it('creates a private 48 kHz room with talking events, plain RTP, a random secret and the admin key', async () => {
    const room = await create();
    const body = janus.bodies('create')[0]!;
    expect(body).toMatchObject({
      request: 'create',
      room: room.roomId,
      description: 'Gruppe',
      is_private: true,
      sampling_rate: 48_000,
      audiolevel_event: true,
      audio_active_packets: 50,
      audio_level_average: 40,
      default_prebuffering: 4,
      default_expectedloss: 10,
      allow_rtp_participants: true,
      admin_key: ADMIN_KEY,
    });
    expect(body).not.toHaveProperty('pin');
    expect(String(body.secret)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(room.roomId).toMatch(/^[A-Za-z0-9_-]{12}$/);
    // The control handle joins as a silent observer to hear talking events.
    expect(janus.bodies('join')[0]).toEqual({
      request: 'join',
      room: room.roomId,
      id: '~observer',
      muted: true,
      handle_id: body.handle_id,
      session_id: body.session_id,
    });
    const other = await AudioBridgeRoom.create(node, { roomId: 'fixed-id', description: 'x', logger });
    expect(other.roomId).toBe('fixed-id');
    expect(janus.bodies('create')[1]!.secret).not.toBe(body.secret);
  });

  it('fails create with a typed error and leaves no session behind', async () => {
    await create();
    const error = await AudioBridgeRoom.create(node, {
      roomId: janus.bodies('create')[0]!.room as string,
      description: 'dup',
      logger,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JanusError);
    expect(error).toMatchObject({ code: 486, source: 'janus.plugin.audiobridge' });
    await until(() => janus.requestsOf('destroy').length === 2); // the node's secret check + this one
  });

  it('joins a browser on its own session with the offer and Opus FEC, returning only type and sdp', async () => {
    const room = await create();
    const { answer, leg } = await joinWeb(room, 'p-1', true);
    expect(answer).toEqual({ type: 'answer', sdp: 'v=0\r\ns=fake-answer\r\n' });
    const join = janus.bodies('join')[1]!;
    expect(join).toMatchObject({
      request: 'join',
      room: room.roomId,
      id: 'p-1',
      display: 'Display Name',
      muted: true,
      expected_loss: 10,
    });
    expect(join).not.toHaveProperty('secret');
    expect(join.session_id).not.toBe(janus.bodies('create')[0]!.session_id);
    const message = janus.requestsOf('message').find((request) => request.jsep !== undefined);
    expect(message?.jsep).toEqual(offer);
    expect(leg).toMatchObject({ participantId: 'p-1', transport: 'webrtc', muted: true, closed: false });
  });

  it('joins a phone leg over plain RTP and returns the local RTP end', async () => {
    const room = await create();
    const { local, leg } = await room.joinPlainRtp({
      participantId: 'phone-1',
      display: '+49 30 1234',
      muted: false,
      codec: 'pcma',
      remote: { ip: '127.0.0.1', port: 30_000, payloadType: 8 },
    });
    expect(local).toEqual({ ip: '127.0.0.1', port: 40_002 });
    expect(leg.transport).toBe('rtp');
    expect(janus.bodies('join')[1]).toMatchObject({
      codec: 'pcma',
      rtp: { ip: '127.0.0.1', port: 30_000, payload_type: 8 },
    });
    await expect(leg.restartIce(offer)).rejects.toThrow(/Only WebRTC legs/);
    await expect(
      room.joinPlainRtp({
        participantId: 'phone-2',
        display: 'x',
        muted: false,
        codec: 'pcmu',
        remote: { ip: 'sip.example.org', port: 30_002, payloadType: 0 },
      }),
    ).rejects.toBeInstanceOf(RangeError);
  });

  it('rejects participant ids that could collide with our own Janus ids', async () => {
    const room = await create();
    for (const participantId of ['~observer', 'a:camera', '', 'x'.repeat(65)]) {
      await expect(joinWeb(room, participantId)).rejects.toBeInstanceOf(RangeError);
    }
  });

  it('closes a leg once: one session destroy, one `closed`; trickles after close are dropped', async () => {
    const room = await create();
    const { leg } = await joinWeb(room, 'p-1');
    const reasons: LegCloseReason[] = [];
    leg.on('closed', (reason) => void reasons.push(reason));
    await leg.trickle({ candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0' });
    await leg.trickle({ candidate: '' });
    expect(janus.requestsOf('trickle').map((request) => request.candidate)).toEqual([
      { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0' },
      { completed: true },
    ]);
    const destroysBefore = janus.requestsOf('destroy').length;
    await Promise.all([leg.close(), leg.close()]);
    await leg.trickle(null);
    expect(reasons).toEqual(['closed']);
    expect(janus.requestsOf('destroy')).toHaveLength(destroysBefore + 1);
    expect(janus.requestsOf('trickle')).toHaveLength(2);
    expect(await room.listParticipants()).toEqual([]);
  });

  it('a Janus hangup emits `hangup`, then `closed("hangup")`, and frees the session', async () => {
    const room = await create();
    const { leg } = await joinWeb(room, 'p-1');
    const seen: string[] = [];
    leg.on('hangup', (reason) => void seen.push(`hangup:${reason}`));
    leg.on('closed', (reason) => void seen.push(`closed:${reason}`));
    const join = janus.bodies('join')[1]!;
    janus.pushCore(join.handle_id, 'hangup', { reason: 'ICE failed' });
    await until(() => seen.length === 2);
    expect(seen).toEqual(['hangup:ICE failed', 'closed:hangup']);
    await until(() => janus.requestsOf('destroy').some((request) => request.session_id === join.session_id));
  });

  it('restartIce sends the new offer with an empty configure and returns the answer', async () => {
    const room = await create();
    const { leg } = await joinWeb(room, 'p-1');
    expect(await leg.restartIce({ type: 'offer', sdp: 'v=0\r\ns=restart\r\n' })).toEqual({
      type: 'answer',
      sdp: 'v=0\r\ns=fake-answer\r\n',
    });
    expect(janus.bodies('configure')[0]).toMatchObject({ request: 'configure' });
    expect(Object.keys(janus.bodies('configure')[0]!).sort()).toEqual(['handle_id', 'request', 'session_id']);
  });

  it('replaces the leg of a participant who joins again', async () => {
    const room = await create();
    const { leg: first } = await joinWeb(room, 'p-1');
    const { leg: second } = await joinWeb(room, 'p-1');
    expect(first.closeReason).toBe('replaced');
    expect(second.closed).toBe(false);
    expect((await room.listParticipants()).map((p) => p.participantId)).toEqual(['p-1']);
  });

  it('destroy is idempotent: one destroy with the secret, legs closed `room_closed`, later joins fail', async () => {
    const room = await create();
    const { leg } = await joinWeb(room, 'p-1');
    const closed: string[] = [];
    room.on('closed', (reason) => void closed.push(reason));
    await Promise.all([room.destroy(), room.destroy()]);
    expect(closed).toEqual(['destroyed']);
    expect(leg.closeReason).toBe('room_closed');
    expect(janus.bodies('destroy')).toHaveLength(1);
    expect(janus.bodies('destroy')[0]).toMatchObject({
      room: room.roomId,
      secret: janus.bodies('create')[0]!.secret,
    });
    await expect(joinWeb(room, 'p-2')).rejects.toBeInstanceOf(JanusClosedError);
  });

  it('a destroy during a join makes the join fail and frees its session', async () => {
    const room = await create();
    const joining = joinWeb(room, 'p-1');
    await room.destroy();
    await expect(joining).rejects.toBeInstanceOf(JanusClosedError);
    expect(await room.listParticipants().catch((error: unknown) => error)).toBeInstanceOf(JanusClosedError);
  });

  it('a plugin error on join is a JanusError and nothing is kept', async () => {
    const room = await create();
    await room.destroy();
    const other = await create();
    janus.plugins.rooms.clear(); // Janus forgot the room (e.g. an operator destroyed it)
    const error = await joinWeb(other, 'p-1').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'JanusError', code: 485 });
    const join = janus.bodies('join').at(-1)!;
    await until(() => janus.requestsOf('destroy').some((request) => request.session_id === join.session_id));
  });

  it('closes with `janus_lost` (and its legs too) when the node goes down', async () => {
    const room = await create();
    const { leg } = await joinWeb(room, 'p-1');
    const closed: string[] = [];
    room.on('closed', (reason) => void closed.push(`room:${reason}`));
    leg.on('closed', (reason) => void closed.push(`leg:${reason}`));
    janus.dropConnections();
    await until(() => closed.length === 2);
    expect(closed.sort()).toEqual(['leg:janus_lost', 'room:janus_lost']);
    expect(room.closed).toBe(true);
  });

  it('when Janus drops only the control session, destroys the room through a fresh session', async () => {
    const room = await create();
    const closed: string[] = [];
    room.on('closed', (reason) => void closed.push(reason));
    const control = janus.bodies('create')[0]!;
    janus.pushSession(control.session_id, 'timeout');
    await until(() => janus.bodies('destroy').length === 1);
    expect(closed).toEqual(['janus_lost']);
    expect(janus.bodies('destroy')[0]).toMatchObject({ room: room.roomId, secret: control.secret });
    expect(janus.bodies('destroy')[0]!.session_id).not.toBe(control.session_id);
  });

  it('closes with `destroyed_in_janus` when Janus destroys the room behind our back', async () => {
    const room = await create();
    const closed: string[] = [];
    room.on('closed', (reason) => void closed.push(reason));
    janus.pushEvent(controlHandle(), { audiobridge: 'destroyed', room: room.roomId });
    await until(() => closed.length === 1);
    expect(closed).toEqual(['destroyed_in_janus']);
  });

  it('logs no display names or secrets', async () => {
    const room = await create();
    await joinWeb(room, 'p-1');
    await room.destroy();
    const text = JSON.stringify(logs.lines);
    expect(text).not.toContain('Display Name');
    expect(text).not.toContain(String(janus.bodies('create')[0]!.secret));
  });
});
