import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JanusNode } from '../janus-node.js';
import { captureLogs, until } from '../test/log-capture.js';
import { AudioBridgeRoom } from './audio-bridge-room.js';
import { startFakeRoomsNode, type FakeRoomsJanus } from './test/fake-rooms.js';

const offer = { type: 'offer' as const, sdp: 'v=0\r\ns=browser\r\n' };
const ADMIN_KEY = 'admin-key-0123456789';

describe('AudioBridgeRoom moderation and talking, against a fake Janus', () => {
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
  /** Janus's talking notification as the room's observer handle receives it. */
  const talk = (room: AudioBridgeRoom, id: string, talking = true) =>
    janus.pushEvent(controlHandle(), {
      audiobridge: talking ? 'talking' : 'stopped-talking',
      room: room.roomId,
      id,
    });

  it('mutes as moderator: mute/unmute with the secret on the control handle, never configure', async () => {
    const room = await create();
    const { leg } = await joinWeb(room, 'p-1');
    await leg.setMuted(true);
    expect(leg.muted).toBe(true);
    await leg.setMuted(false);
    const secret = janus.bodies('create')[0]!.secret;
    expect(janus.bodies('mute')[0]).toMatchObject({
      room: room.roomId,
      id: 'p-1',
      secret,
      handle_id: controlHandle(),
    });
    expect(janus.bodies('unmute')[0]).toMatchObject({ room: room.roomId, id: 'p-1', secret });
    expect(janus.bodies('configure')).toHaveLength(0);
  });

  it('maps Janus talking events to `talking`, once per change, for its own legs only', async () => {
    const room = await create();
    await joinWeb(room, 'p-1');
    await joinWeb(room, 'p-2');
    const seen: string[] = [];
    room.on('talking', (id, talking) => void seen.push(`${id}:${talking}`));
    talk(room, 'p-1');
    talk(room, 'p-1');
    talk(room, 'p-2');
    talk(room, 'stranger');
    janus.pushEvent(controlHandle(), { audiobridge: 'talking', room: 'other-room', id: 'p-2' });
    talk(room, 'p-1', false);
    await until(() => seen.length === 3);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(seen).toEqual(['p-1:true', 'p-2:true', 'p-1:false']);
  });

  it('says stopped talking when a talking leg is muted or leaves (Janus does not)', async () => {
    const room = await create();
    const { leg: one } = await joinWeb(room, 'p-1');
    const { leg: two } = await joinWeb(room, 'p-2');
    const seen: string[] = [];
    room.on('talking', (id, talking) => void seen.push(`${id}:${talking}`));
    talk(room, 'p-1');
    talk(room, 'p-2');
    await until(() => seen.length === 2);
    await one.setMuted(true);
    await two.close();
    expect(seen).toEqual(['p-1:true', 'p-2:true', 'p-1:false', 'p-2:false']);
  });

  it('after an unmute, asks Janus whether the person talks on (Janus kept its flag through the mute)', async () => {
    const room = await AudioBridgeRoom.create(node, { description: 'Gruppe', logger, talkingPackets: 5 });
    const { leg } = await joinWeb(room, 'p-1');
    const seen: string[] = [];
    room.on('talking', (id, talking) => void seen.push(`${id}:${talking}`));
    talk(room, 'p-1');
    await until(() => seen.length === 1);
    await leg.setMuted(true);
    // Janus still counts p-1 as talking and will not say so again: only the check after the unmute can tell.
    janus.plugins.rooms.get(`janus.plugin.audiobridge|${room.roomId}`)!.talking.add('p-1');
    await leg.setMuted(false);
    await until(() => seen.length === 3);
    expect(seen).toEqual(['p-1:true', 'p-1:false', 'p-1:true']);
    // Someone quiet after the unmute is not shown talking.
    await leg.setMuted(true);
    janus.plugins.rooms.get(`janus.plugin.audiobridge|${room.roomId}`)!.talking.delete('p-1');
    await leg.setMuted(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen).toEqual(['p-1:true', 'p-1:false', 'p-1:true', 'p-1:false']);
  });

  it('kick closes our leg with `kicked`; kicking someone absent is a no-op', async () => {
    const room = await create();
    const { leg } = await joinWeb(room, 'p-1');
    await room.kick('p-1');
    expect(leg.closeReason).toBe('kicked');
    await room.kick('p-1');
    expect(janus.bodies('kick')[0]).toMatchObject({ id: 'p-1', secret: janus.bodies('create')[0]!.secret });
  });

  it('lists participants without the observer and without display names', async () => {
    const room = await create();
    await joinWeb(room, 'p-1', true);
    expect(await room.listParticipants()).toEqual([
      { participantId: 'p-1', muted: true, setup: true, talking: false },
    ]);
  });
});
