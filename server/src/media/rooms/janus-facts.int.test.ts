import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JanusNode } from '../janus-node.js';
import type { JanusHandle } from '../janus-session.js';
import type { EmbeddedJanus } from '../janus-supervisor.js';
import { captureLogs, until } from '../test/log-capture.js';
import { AudioBridgeRoom } from './audio-bridge-room.js';
import { startEmbeddedNode } from './test/embedded-node.js';
import { RtpPeer } from './test/rtp-peer.js';
import { rms, toneShare } from './test/rtp-tone.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What Debian's Janus 1.1.2 AudioBridge really does, pinned down with raw requests (no room layer in between),
 * so that the design choices in audio-bridge-room.ts stay justified when Janus is upgraded.
 */
describe('Janus 1.1.2 AudioBridge facts', () => {
  let janus: EmbeddedJanus;
  let node: JanusNode;
  let stop: () => Promise<void>;
  const { logger } = captureLogs('info');
  const cleanup: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    ({ janus, node, stop } = await startEmbeddedNode({ rtpPortRange: '48000-48999', logger }));
  });
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) {
      await step();
    }
  });
  afterAll(() => stop());

  /** A plain-RTP participant joined with raw requests on its own handle. */
  async function rawPhone(room: string, id: string, rtpExtra: Record<string, unknown> = {}) {
    const peer = await RtpPeer.open();
    const session = await node.createSession();
    cleanup.push(async () => {
      await session.close();
      await peer.close();
    });
    const handle = await session.attach('janus.plugin.audiobridge');
    const events: Array<Record<string, unknown>> = [];
    handle.on('event', ({ data }) => void events.push(data));
    const joined = await handle.message({
      request: 'join',
      room,
      id,
      muted: false,
      codec: 'pcmu',
      rtp: { ip: '127.0.0.1', port: peer.port, ...rtpExtra },
    });
    return { peer, handle, events, local: joined.data.rtp as { ip: string; port: number } };
  }

  async function rawRoom(handle: JanusHandle, secret: string): Promise<string> {
    const room = `facts-${Math.random().toString(36).slice(2, 10)}`;
    await handle.message({
      request: 'create',
      room,
      secret,
      admin_key: janus.adminKey,
      allow_rtp_participants: true,
      audiolevel_event: true,
      audio_active_packets: 50,
      audio_level_average: 40,
    });
    return room;
  }

  it('raises no talking events for plain-RTP participants, even with an audio-level extension', async () => {
    // Its plain-RTP thread hands packets to the mixer with the header extensions unparsed, so the level
    // meter never runs: phone callers get no active-speaker events from Janus.
    const room = await AudioBridgeRoom.create(node, { description: 'talking fact', logger });
    cleanup.push(() => room.destroy());
    const phone = await rawPhone(room.roomId, 'raw-phone', { audiolevel_ext: 1 });
    phone.peer.start(phone.local, { frequency: 1000, amplitude: 12000, audioLevelId: 1 });
    await sleep(2500);
    expect(phone.peer.packetsReceived).toBeGreaterThan(50);
    expect(phone.events.filter((event) => event.audiobridge === 'talking')).toEqual([]);
  });

  it('moderator `mute` needs the secret, but sets the flag a participant’s own `configure` clears', async () => {
    const session = await node.createSession();
    cleanup.push(() => session.close());
    const control = await session.attach('janus.plugin.audiobridge');
    const room = await rawRoom(control, 'the-secret-0123456789');
    const speaker = await rawPhone(room, 'speaker');
    const listener = await rawPhone(room, 'listener');
    listener.peer.start(listener.local, { frequency: 1000, amplitude: 0 });
    speaker.peer.start(speaker.local, { frequency: 1000, amplitude: 8000 });
    await until(() => listener.peer.received.length > 8000, 5_000);

    await expect(
      control.message({ request: 'mute', room, id: 'speaker', secret: 'wrong' }),
    ).rejects.toMatchObject({
      code: 489,
    });
    await control.message({ request: 'mute', room, id: 'speaker', secret: 'the-secret-0123456789' });
    await sleep(500);
    expect(rms(listener.peer.lastReceived(300))).toBeLessThan(50);
    // Everyone in the room, the muted one included, hears of it.
    expect(
      speaker.events.some((event) => JSON.stringify(event.participants ?? []).includes('"muted":true')),
    ).toBe(true);

    // The participant's own handle can undo it: only keeping browsers away from Janus makes a mute stick.
    await speaker.handle.message({ request: 'configure', muted: false });
    await sleep(500);
    expect(toneShare(listener.peer.lastReceived(300), 1000)).toBeGreaterThan(0.3);
  });
});
