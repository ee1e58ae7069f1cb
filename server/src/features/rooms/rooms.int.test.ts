import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app.js';
import type { EmbeddedJanus } from '../../media/janus-supervisor.js';
import { MediaPlane } from '../../media/media-plane.js';
import { startEmbeddedNode } from '../../media/rooms/test/embedded-node.js';
import { captureLogs } from '../../media/test/log-capture.js';
import { pingHandlers } from '../signalling/ping-handlers.js';
import { signallingRoutes } from '../signalling/signalling-routes.js';
import { createRoomRegistry, type RoomRegistry } from './room-service.js';
import { roomsHandlers } from './rooms-handlers.js';
import { defaultSettings, FakeEntryResolver } from './test/fake-entry-resolver.js';
import { audioOffer, cameraOffer } from './test/sdp-offers.js';
import { SignalClient } from './test/ws-client.js';

describe('live rooms over the signalling WebSocket with a real Janus', () => {
  let janus: EmbeddedJanus;
  let stopJanus: () => Promise<void>;
  let mediaPlane: MediaPlane;
  let registry: RoomRegistry;
  let app: FastifyInstance;
  let url: string;
  let origin: string;
  const resolver = new FakeEntryResolver();
  const { logger, lines } = captureLogs('info');
  const clients: SignalClient[] = [];

  beforeAll(async () => {
    let node;
    ({ janus, node, stop: stopJanus } = await startEmbeddedNode({ rtpPortRange: '45000-45999', logger }));
    mediaPlane = new MediaPlane([node], { logger });
    registry = createRoomRegistry({
      resolver,
      mediaPlane,
      logger,
      policy: { reconnectGraceMs: 5_000, mediaRecoveryMs: 4_000, joins: { burst: 100, perSecond: 100 } },
    });
    app = await buildApp({
      logger: captureLogs('silent').logger,
      trustProxy: false,
      secureCookies: false,
      webRoot: undefined,
      features: [
        signallingRoutes({
          baseUrl: undefined,
          handlers: { ...pingHandlers(), ...roomsHandlers({ registry }) },
          limits: { burst: 200, perSecond: 100 },
          // The lead wires accounts' session lookup here; the test's "session" is a fixed cookie.
          authenticate: async (request) =>
            request.cookies.tp_session === 'host-session'
              ? { userId: 'user-host', displayName: 'Hanna' }
              : undefined,
        }),
      ],
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    url = `${address.replace('http', 'ws')}/api/signal`;
    origin = address;
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await app.close();
    await registry.close();
    await mediaPlane.close();
    await stopJanus();
  });

  async function client(host = false): Promise<SignalClient> {
    const opened = await SignalClient.open(url, {
      origin,
      ...(host ? { cookie: 'tp_session=host-session' } : {}),
    });
    clients.push(opened);
    return opened;
  }

  function newMeeting(settings: Partial<typeof defaultSettings> = {}) {
    const meetingId = String(1_000_000_000 + Math.floor(Math.random() * 8_999_999_999));
    return resolver.addMeeting({ meetingId, settings: { ...defaultSettings, ...settings } });
  }

  async function join(
    socket: SignalClient,
    credential: Parameters<SignalClient['send']>[0] & { type: 'room.join' },
  ) {
    return socket.request(credential, 'room.joined');
  }

  async function hostJoins(meetingId: string) {
    const socket = await client(true);
    const joined = await join(socket, {
      type: 'room.join',
      id: 'h1',
      credential: { kind: 'host', meetingId },
    });
    return { socket, joined };
  }

  async function guestJoins(meetingId: string, name: string) {
    const socket = await client();
    const token = resolver.invite(meetingId, name);
    const joined = await join(socket, {
      type: 'room.join',
      id: 'g1',
      credential: { kind: 'invitation', token },
    });
    return { socket, joined, token };
  }

  it('keeps a waiting client in the dark until the host (from the session cookie) admits it', async () => {
    const meeting = newMeeting({ waitingRoom: true });
    const guest = await guestJoins(meeting.meetingId, 'Gerda Gast');
    expect(guest.joined.status).toBe('waiting');
    // No cookie, no host: the host credential needs the session resolved at the upgrade.
    const impostor = await client();
    await expect(
      join(impostor, {
        type: 'room.join',
        id: 'x',
        credential: { kind: 'host', meetingId: meeting.meetingId },
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });

    const host = await hostJoins(meeting.meetingId);
    const list = await host.socket.next('room.waitingList');
    expect(list.waiting).toEqual([
      { participantId: guest.joined.participantId, displayName: 'Gerda Gast', via: 'browser' },
    ]);
    const audio = await host.socket.request(
      { type: 'audio.offer', id: 'a1', offer: audioOffer() },
      'audio.answer',
    );
    expect(audio.answer.sdp).toMatch(/^v=0/);
    const camera = await host.socket.request(
      { type: 'video.publish', id: 'v1', kind: 'camera', offer: cameraOffer(), ridOrder: 'lmh' },
      'video.answer',
    );
    expect(camera.answer.sdp).toMatch(/a=rid:l recv/);
    await host.socket.next('room.participant', { match: (m) => m.participant.cameraOn });
    host.socket.send({ type: 'reaction.send', reaction: 'applause' });
    await host.socket.next('room.reaction');
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Everything the waiting client got: that it joined and why it waits. No roster, title, media or chat.
    expect(guest.socket.received).toEqual([
      expect.objectContaining({ type: 'room.joined', status: 'waiting' }),
      { type: 'room.waiting', reason: 'host_absent' },
      { type: 'room.waiting', reason: 'waiting_room' },
    ]);
    expect(await guest.socket.errorFor({ type: 'video.subscribe', feeds: [] })).toMatchObject({
      error: 'forbidden',
    });

    host.socket.send({ type: 'host.admit', participantId: guest.joined.participantId });
    const state = await guest.socket.next('room.state');
    expect(state.title).toBe(meeting.title);
    expect(state.participants).toHaveLength(2);
    // One screen at a time, against the real VideoRoom.
    await host.socket.request(
      { type: 'video.publish', id: 's1', kind: 'screen', offer: cameraOffer() },
      'video.answer',
    );
    await expect(
      guest.socket.request(
        { type: 'video.publish', id: 's2', kind: 'screen', offer: cameraOffer() },
        'video.answer',
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('enforces a host mute: self-unmute is refused while it is off', async () => {
    const meeting = newMeeting({ waitingRoom: false, allowSelfUnmute: false });
    const host = await hostJoins(meeting.meetingId);
    const guest = await guestJoins(meeting.meetingId, 'Paul');
    await guest.socket.request({ type: 'audio.offer', id: 'a1', offer: audioOffer() }, 'audio.answer');
    host.socket.send({ type: 'host.mute', participantId: guest.joined.participantId });
    expect(await guest.socket.next('room.notice')).toEqual({ type: 'room.notice', notice: 'muted_by_host' });
    await guest.socket.next('room.participant', { match: (m) => m.participant.mutedByHost });
    expect(await guest.socket.errorFor({ type: 'self.update', micMuted: false })).toMatchObject({
      error: 'forbidden',
    });
    host.socket.send({ type: 'host.askUnmute', participantId: guest.joined.participantId });
    await guest.socket.next('room.notice', { match: (m) => m.notice === 'asked_to_unmute' });
    expect(await guest.socket.errorFor({ type: 'self.update', micMuted: false })).toBeUndefined();
  });

  it('lock refuses a newcomer; a removed person cannot come back', async () => {
    const meeting = newMeeting({ waitingRoom: false });
    const host = await hostJoins(meeting.meetingId);
    const troll = await guestJoins(meeting.meetingId, 'Troll');
    host.socket.send({ type: 'host.remove', participantId: troll.joined.participantId });
    expect(await troll.socket.next('room.ended')).toEqual({ type: 'room.ended', reason: 'removed' });
    const again = await client();
    await expect(
      join(again, { type: 'room.join', id: 'r', credential: { kind: 'invitation', token: troll.token } }),
    ).rejects.toMatchObject({ code: 'removed' });

    host.socket.send({ type: 'host.lock', locked: true });
    await host.socket.next('room.settings', { match: (m) => m.settings.locked });
    const late = await client();
    const token = resolver.invite(meeting.meetingId, 'Late');
    await expect(
      join(late, { type: 'room.join', id: 'l', credential: { kind: 'invitation', token } }),
    ).rejects.toMatchObject({ code: 'meeting_locked' });
  });

  it('keeps the place after a socket drop: resuming skips the waiting room', async () => {
    const meeting = newMeeting({ waitingRoom: true });
    const host = await hostJoins(meeting.meetingId);
    const guest = await guestJoins(meeting.meetingId, 'Rita');
    host.socket.send({ type: 'host.admit', participantId: guest.joined.participantId });
    await guest.socket.next('room.state');
    guest.socket.socket.terminate();
    await host.socket.next('room.participant', { match: (m) => m.participant.connection === 'reconnecting' });
    const back = await client();
    const joined = await join(back, {
      type: 'room.join',
      id: 'again',
      credential: { kind: 'invitation', token: guest.token },
      resumeToken: guest.joined.resumeToken,
    });
    expect(joined).toMatchObject({ participantId: guest.joined.participantId, status: 'admitted' });
    await back.next('room.state');
    expect(back.of('room.waiting')).toEqual([]);
  });

  it('ends the meeting for everyone', async () => {
    const meeting = newMeeting({ waitingRoom: true });
    const host = await hostJoins(meeting.meetingId);
    const waiting = await guestJoins(meeting.meetingId, 'W');
    host.socket.send({ type: 'host.end' });
    for (const socket of [host.socket, waiting.socket]) {
      expect(await socket.next('room.ended')).toEqual({ type: 'room.ended', reason: 'host_ended' });
    }
  });

  it('after a Janus crash, rebuilds the rooms and tells clients to restart media; without Janus, ends', async () => {
    const meeting = newMeeting({ waitingRoom: false });
    const host = await hostJoins(meeting.meetingId);
    const guest = await guestJoins(meeting.meetingId, 'Kurt');
    await guest.socket.request({ type: 'audio.offer', id: 'a1', offer: audioOffer() }, 'audio.answer');
    process.kill(janus.pid!, 'SIGKILL');
    await guest.socket.next('room.notice', {
      match: (m) => m.notice === 'media_interrupted',
      timeoutMs: 5_000,
    });
    await guest.socket.next('media.restart', { timeoutMs: 8_000 });
    await host.socket.next('media.restart', { timeoutMs: 1_000 });
    const answer = await guest.socket.request(
      { type: 'audio.offer', id: 'a2', offer: audioOffer() },
      'audio.answer',
    );
    expect(answer.answer.type).toBe('answer');

    await janus.stop();
    for (const socket of [host.socket, guest.socket]) {
      expect(await socket.next('room.ended', { timeoutMs: 8_000 })).toEqual({
        type: 'room.ended',
        reason: 'media_lost',
      });
    }
    expect(registry.size).toBe(0);
    expect(JSON.stringify(lines)).not.toMatch(/Kurt|Gerda|Hanna|Troll/);
  });
});
