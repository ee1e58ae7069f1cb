import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JanusError } from '../errors.js';
import type { JanusNode } from '../janus-node.js';
import type { EmbeddedJanus } from '../janus-supervisor.js';
import { captureLogs, until } from '../test/log-capture.js';
import { AudioBridgeRoom } from './audio-bridge-room.js';
import type { RoomCloseReason } from './room-types.js';
import { startEmbeddedNode } from './test/embedded-node.js';
import { RtpPeer } from './test/rtp-peer.js';
import { rms, toneShare } from './test/rtp-tone.js';
import { VideoRoom } from './video-room.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const elapsed = (start: number) => Math.round(performance.now() - start);

describe('rooms on a real Janus 1.1.2', () => {
  let janus: EmbeddedJanus;
  let node: JanusNode;
  let stop: () => Promise<void>;
  const logs = captureLogs('debug');
  const { logger } = logs;
  const cleanup: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    ({ janus, node, stop } = await startEmbeddedNode({ rtpPortRange: '46000-46999', logger }));
  });

  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) {
      await step();
    }
  });

  afterAll(() => stop());

  async function phone(room: AudioBridgeRoom, participantId: string, muted = false) {
    const peer = await RtpPeer.open();
    cleanup.push(() => peer.close());
    const started = performance.now();
    const { local, leg } = await room.joinPlainRtp({
      participantId,
      display: `Caller ${participantId}`,
      muted,
      codec: 'pcmu',
      remote: { ip: '127.0.0.1', port: peer.port, payloadType: 0 },
    });
    return { peer, local, leg, joinMs: elapsed(started) };
  }

  it('creates an AudioBridge room with the admin key and destroys it once', async () => {
    const started = performance.now();
    const room = await AudioBridgeRoom.create(node, { description: 'int test', logger });
    const createMs = elapsed(started);
    console.log(`AudioBridge room create (incl. observer join): ${createMs} ms`);
    const reasons: RoomCloseReason[] = [];
    room.on('closed', (reason) => void reasons.push(reason));
    expect(await room.listParticipants()).toEqual([]);
    await Promise.all([room.destroy(), room.destroy()]);
    expect(reasons).toEqual(['destroyed']);
    expect(room.closed).toBe(true);
    await expect(room.listParticipants()).rejects.toMatchObject({ name: 'JanusClosedError' });
  });

  it('mixes a phone tone into another phone leg, and a moderator-muted phone is not heard', async () => {
    const room = await AudioBridgeRoom.create(node, { description: 'mix test', logger });
    cleanup.push(() => room.destroy());
    const alice = await phone(room, 'alice');
    const bob = await phone(room, 'bob');
    console.log(`plain-RTP join: ${alice.joinMs} ms, ${bob.joinMs} ms`);
    expect(alice.local.ip).toBe('127.0.0.1');
    expect(alice.local.port).toBeGreaterThan(0);
    expect(bob.local.port).not.toBe(alice.local.port);

    // Janus sends the mix only after a first packet from the peer: Bob sends silence, Alice a 1 kHz tone.
    bob.peer.start(bob.local, { frequency: 1000, amplitude: 0 });
    alice.peer.start(alice.local, { frequency: 1000, amplitude: 8000 });
    await until(() => bob.peer.received.length >= 8000 * 1.5, 5_000);
    const heard = bob.peer.lastReceived(1000);
    console.log(
      `Bob hears Alice: 1 kHz share ${toneShare(heard, 1000).toFixed(3)}, rms ${Math.round(rms(heard))}`,
    );
    expect(toneShare(heard, 1000)).toBeGreaterThan(0.3);
    expect(toneShare(heard, 440)).toBeLessThan(0.01);

    const participants = await room.listParticipants();
    expect(participants.map((p) => p.participantId).sort()).toEqual(['alice', 'bob']);
    expect(participants.every((p) => p.setup && !p.muted)).toBe(true);

    await alice.leg.setMuted(true);
    expect(alice.leg.muted).toBe(true);
    await sleep(400);
    const mutedFrom = bob.peer.received.length;
    await sleep(1000);
    const whileMuted = bob.peer.received.slice(mutedFrom);
    console.log(
      `Bob while Alice is muted: ${whileMuted.length} samples, rms ${Math.round(rms(whileMuted))}, ` +
        `1 kHz share ${toneShare(whileMuted, 1000).toFixed(4)}`,
    );
    expect(rms(whileMuted)).toBeLessThan(50);
    expect((await room.listParticipants()).find((p) => p.participantId === 'alice')?.muted).toBe(true);

    await alice.leg.setMuted(false);
    await sleep(500);
    expect(toneShare(bob.peer.lastReceived(300), 1000)).toBeGreaterThan(0.3);
  });

  it('closes a leg idempotently and takes it out of the room; kick closes with "kicked"', async () => {
    const room = await AudioBridgeRoom.create(node, { description: 'leave test', logger });
    cleanup.push(() => room.destroy());
    const carol = await phone(room, 'carol');
    const dave = await phone(room, 'dave');
    const reasons: string[] = [];
    carol.leg.on('closed', (reason) => void reasons.push(`carol:${reason}`));
    dave.leg.on('closed', (reason) => void reasons.push(`dave:${reason}`));
    await Promise.all([carol.leg.close(), carol.leg.close()]);
    await room.kick('dave');
    await room.kick('nobody');
    expect(reasons).toEqual(['carol:closed', 'dave:kicked']);
    expect(await room.listParticipants()).toEqual([]);
  });

  it('replaces the leg of a participant who joins again', async () => {
    const room = await AudioBridgeRoom.create(node, { description: 'rejoin test', logger });
    cleanup.push(() => room.destroy());
    const first = await phone(room, 'erin');
    const second = await phone(room, 'erin');
    expect(first.leg.closeReason).toBe('replaced');
    expect(second.leg.closed).toBe(false);
    expect((await room.listParticipants()).map((p) => p.participantId)).toEqual(['erin']);
  });

  it('destroying the room closes its legs with "room_closed"', async () => {
    const room = await AudioBridgeRoom.create(node, { description: 'destroy test', logger });
    const frank = await phone(room, 'frank');
    await room.destroy();
    expect(frank.leg.closeReason).toBe('room_closed');
  });

  it('creates and destroys a VideoRoom; subscribing to a missing feed is a typed JanusError', async () => {
    const started = performance.now();
    const room = await VideoRoom.create(node, { description: 'video int', maxPublishers: 6, logger });
    console.log(`VideoRoom create (incl. observer join): ${elapsed(started)} ms`);
    cleanup.push(() => room.destroy());
    expect(room.publishers()).toEqual([]);
    const error = await room
      .subscribe({ participantId: 'viewer', feeds: [{ publisherId: 'ghost:camera' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JanusError);
    expect(error).toMatchObject({ code: 428, source: 'janus.plugin.videoroom' });
    const reasons: RoomCloseReason[] = [];
    room.on('closed', (reason) => void reasons.push(reason));
    await Promise.all([room.destroy(), room.destroy()]);
    expect(reasons).toEqual(['destroyed']);
  });

  it('kill -9 of Janus: rooms and legs report janus_lost at once', async () => {
    const audio = await AudioBridgeRoom.create(node, { description: 'kill test', logger });
    const video = await VideoRoom.create(node, { description: 'kill test', maxPublishers: 4, logger });
    const grace = await phone(audio, 'grace');
    const closed: string[] = [];
    audio.on('closed', (reason) => void closed.push(`audio:${reason}`));
    video.on('closed', (reason) => void closed.push(`video:${reason}`));
    grace.leg.on('closed', (reason) => void closed.push(`leg:${reason}`));
    const killedAt = performance.now();
    process.kill(janus.pid!, 'SIGKILL');
    await until(() => closed.length === 3, 5_000);
    console.log(`kill -9 → rooms closed after ${elapsed(killedAt)} ms`);
    expect(closed.sort()).toEqual(['audio:janus_lost', 'leg:janus_lost', 'video:janus_lost']);
    expect(await node.waitUntilUp(10_000)).toBe(true);
    // The room service rebuilds on the restarted Janus.
    const rebuilt = await AudioBridgeRoom.create(node, { description: 'rebuilt', logger });
    await rebuilt.destroy();
  });

  it('logs no display names', () => {
    const text = JSON.stringify(logs.lines.filter((line) => line.component !== 'janus'));
    expect(text).not.toContain('Caller ');
  });
});
