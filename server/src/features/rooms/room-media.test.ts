import { afterEach, describe, expect, it } from 'vitest';
import { offer } from './test/fake-room-media.js';
import { roomKit, tick } from './test/room-kit.js';

const candidate = (n: number) => ({
  candidate: `candidate:${n} 1 udp 1 127.0.0.1 ${4000 + n} typ host`,
  sdpMid: '0',
});
const sdpAnswer = { type: 'answer' as const, sdp: 'v=0\r\ns=browser-answer\r\n' };
const withAudio = {
  type: 'offer' as const,
  sdp: 'v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\nm=audio 9 x 111\r\n',
};

describe('room service: media (fakes)', () => {
  let kit: ReturnType<typeof roomKit>;
  afterEach(async () => {
    await kit.close();
  });

  /** A host and a participant, both admitted (no waiting room). */
  async function meeting(settings: Partial<typeof kit.meeting.settings> = {}) {
    kit.meeting.settings = { ...kit.meeting.settings, waitingRoom: false, ...settings };
    const host = await kit.joinHost();
    const guest = await kit.joinGuest('Gerda');
    return { host, guest };
  }

  it('creates the Janus rooms with the first admitted person and destroys them with the last', async () => {
    kit = roomKit();
    const waiting = await kit.joinGuest('W');
    expect(kit.media.audioRooms).toHaveLength(0);
    const host = await kit.joinHost();
    await tick();
    expect(kit.media.audioRooms).toHaveLength(1);
    expect(kit.media.videoRooms).toHaveLength(1);
    await kit.send(host.connection, { type: 'room.leave' });
    await tick();
    expect(kit.media.audio.closed).toBe(true);
    expect(kit.registry.size).toBe(1);
    await kit.send(waiting.connection, { type: 'room.leave' });
    expect(kit.registry.size).toBe(0);
  });

  it('does not hand out rooms whose creation was overtaken by the last person leaving', async () => {
    kit = roomKit();
    kit.media.delayMs = 30;
    await kit.joinGuest('Waiting'); // keeps the live room open while nobody is admitted
    const first = await kit.joinHost();
    await kit.send(first.connection, { type: 'room.leave' });
    const again = await kit.joinHost();
    await kit.send(again.connection, { type: 'audio.offer', id: 'a1', offer });
    expect(again.connection.last('audio.answer')).toBeDefined();
    expect(kit.media.audioRooms.map((room) => room.closed)).toEqual([true, false]);
  });

  it('joins the AudioBridge muted per state, under the participant id, and buffers early candidates', async () => {
    kit = roomKit();
    const { guest } = await meeting({ muteOnEntry: true });
    await kit.send(guest.connection, { type: 'audio.trickle', candidate: candidate(0) });
    const offered = kit.send(guest.connection, { type: 'audio.offer', id: 'a1', offer });
    await kit.send(guest.connection, { type: 'audio.trickle', candidate: candidate(1) });
    await kit.send(guest.connection, { type: 'audio.trickle', candidate: null });
    await offered;
    expect(guest.connection.last('audio.answer')).toEqual({
      type: 'audio.answer',
      id: 'a1',
      answer: { type: 'answer', sdp: 'v=0\r\ns=fake-answer\r\n' },
    });
    expect(kit.media.audio.joins).toEqual([
      { participantId: guest.participantId, display: guest.participantId, muted: true },
    ]);
    const leg = kit.media.audio.legs.get(guest.participantId)!;
    // The candidate sent before the offer belonged to an older connection and is dropped.
    expect(leg.trickled).toEqual([candidate(1), null]);
    await kit.send(guest.connection, { type: 'audio.trickle', candidate: candidate(2) });
    expect(leg.trickled.at(-1)).toEqual(candidate(2));
    await kit.send(guest.connection, { type: 'audio.offer', id: 'a2', offer, restart: true });
    expect(leg.restarts).toBe(1);
    await kit.send(guest.connection, { type: 'audio.offer', id: 'a3', offer });
    expect(leg.closeReason).toBe('replaced');
  });

  it('gives an end-to-end encrypted meeting no media rather than mixing it in clear', async () => {
    kit = roomKit();
    const { guest } = await meeting({ e2ee: true });
    await expect(kit.send(guest.connection, { type: 'audio.offer', id: 'a1', offer })).rejects.toMatchObject({
      code: 'media_unavailable',
    });
    await expect(
      kit.send(guest.connection, { type: 'video.publish', id: 'v1', kind: 'camera', offer }),
    ).rejects.toMatchObject({ code: 'media_unavailable' });
    expect(kit.media.audioRooms).toHaveLength(0);
    // Candidates racing with leaving are dropped without an error.
    await kit.send(guest.connection, { type: 'room.leave' });
    await kit.send(guest.connection, { type: 'audio.trickle', candidate: null });
  });

  it('shares one screen at a time; the camera flag follows the publisher; hosts can stop video', async () => {
    kit = roomKit();
    const { host, guest } = await meeting();
    await kit.send(guest.connection, { type: 'video.publish', id: 'v1', kind: 'camera', offer });
    expect(guest.connection.last('video.answer')).toMatchObject({ id: 'v1', kind: 'camera' });
    expect(host.connection.last('room.participant')?.participant).toMatchObject({ cameraOn: true });
    await kit.send(guest.connection, { type: 'video.publish', id: 'v2', kind: 'screen', offer });
    await expect(
      kit.send(host.connection, { type: 'video.publish', id: 'v3', kind: 'screen', offer }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/sharing their screen/) as unknown,
    });

    await kit.send(host.connection, { type: 'host.stopVideo', participantId: guest.participantId });
    expect(guest.connection.last('room.notice')?.notice).toBe('video_stopped_by_host');
    expect(kit.media.video.feeds.size).toBe(0);
    expect(host.connection.last('room.participant')?.participant).toMatchObject({
      cameraOn: false,
      screenSharing: false,
    });
    await kit.send(host.connection, { type: 'video.publish', id: 'v4', kind: 'screen', offer });
    // Like Zoom: the participant may start the camera again.
    await kit.send(guest.connection, { type: 'video.publish', id: 'v5', kind: 'camera', offer });
    await kit.send(guest.connection, { type: 'self.update', cameraOn: false });
    expect(host.connection.last('room.participant')?.participant.cameraOn).toBe(false);
    await kit.send(guest.connection, { type: 'video.unpublish', kind: 'camera' });
    await kit.send(guest.connection, { type: 'self.update', cameraOn: true });
    expect(host.connection.last('room.participant')?.participant.cameraOn).toBe(false);
  });

  it('subscribes to the wanted live feeds (video only), renegotiates with revisions, maps quality to layers', async () => {
    kit = roomKit();
    const { host, guest } = await meeting();
    const watcher = await kit.joinGuest('Wanda');
    await kit.send(host.connection, { type: 'video.publish', id: 'v1', kind: 'camera', offer: withAudio });
    const wanted = [
      { participantId: host.participantId, kind: 'camera' as const, quality: 'high' as const },
      { participantId: guest.participantId, kind: 'camera' as const, quality: 'low' as const },
    ];
    await kit.send(watcher.connection, { type: 'video.subscribe', feeds: wanted });
    await tick(5);
    const first = watcher.connection.last('video.subscriberOffer')!;
    expect(first).toMatchObject({
      revision: 1,
      newConnection: true,
      streams: [{ mid: '0', participantId: host.participantId, kind: 'camera' }],
    });
    const subscriber = kit.media.video.subscribers[0]!;
    // The host's camera offer carried audio: it is not subscribed (audio only through the mix).
    expect(subscriber.streams.map((stream) => stream.publisherMid)).toEqual(['0']);
    expect(subscriber.configured).toEqual([{ publisherId: `${host.participantId}:camera`, substream: 2 }]);

    await kit.send(watcher.connection, { type: 'video.subscriberTrickle', candidate: candidate(1) });
    // An answer to anything but the latest offer is stale.
    await kit.send(watcher.connection, { type: 'video.subscriberAnswer', revision: 0, answer: sdpAnswer });
    expect(subscriber.answers).toHaveLength(0);
    await kit.send(watcher.connection, { type: 'video.subscriberAnswer', revision: 1, answer: sdpAnswer });
    expect(subscriber.answers).toHaveLength(1);
    expect(subscriber.trickled).toEqual([candidate(1)]);

    // The guest's camera comes live later: the subscription follows by itself.
    await kit.send(guest.connection, { type: 'video.publish', id: 'v2', kind: 'camera', offer });
    await tick(5);
    const second = watcher.connection.last('video.subscriberOffer')!;
    expect(second.revision).toBe(2);
    expect(second.newConnection).toBeUndefined();
    expect(second.streams.map((stream) => stream.participantId)).toEqual([
      host.participantId,
      guest.participantId,
    ]);
    expect(subscriber.configured.at(-1)).toEqual({
      publisherId: `${guest.participantId}:camera`,
      substream: 0,
    });

    await kit.send(watcher.connection, { type: 'video.subscribe', feeds: wanted.slice(1) });
    await tick(5);
    expect(subscriber.updates.at(-1)?.remove).toEqual([{ publisherId: `${host.participantId}:camera` }]);
    await kit.send(watcher.connection, { type: 'video.subscribe', feeds: wanted.slice(1), restart: true });
    await tick(5);
    expect(subscriber.closed).toBe(true);
    expect(watcher.connection.last('video.subscriberOffer')).toMatchObject({
      revision: 4,
      newConnection: true,
    });
  });

  it('sends talking news throttled, with the last state always delivered', async () => {
    kit = roomKit({ talkingIntervalMs: 40 });
    const { host, guest } = await meeting();
    await kit.send(guest.connection, { type: 'audio.offer', id: 'a1', offer });
    for (const talking of [true, false, true, false, true]) {
      kit.media.audio.talk(guest.participantId, talking);
    }
    expect(host.connection.of('room.talking').map((m) => m.talking)).toEqual([true]);
    await tick(60);
    expect(host.connection.of('room.talking').map((m) => m.talking)).toEqual([true]);
    kit.media.audio.talk(guest.participantId, false);
    await tick(60);
    expect(host.connection.of('room.talking').map((m) => m.talking)).toEqual([true, false]);
  });

  it('tells someone who arrives mid-sentence who is talking, in the snapshot', async () => {
    kit = roomKit();
    const { guest } = await meeting();
    await kit.send(guest.connection, { type: 'audio.offer', id: 'a1', offer });
    kit.media.audio.talk(guest.participantId, true);
    const late = await kit.joinGuest('Lotte');
    expect(late.connection.last('room.state')?.talking).toEqual([guest.participantId]);
  });

  it('rebuilds the rooms after Janus forgot them and tells clients to negotiate again', async () => {
    kit = roomKit();
    const { host, guest } = await meeting();
    await kit.send(guest.connection, { type: 'audio.offer', id: 'a1', offer });
    await kit.send(guest.connection, { type: 'video.publish', id: 'v1', kind: 'camera', offer });
    const oldAudio = kit.media.audio;
    await oldAudio.lose();
    await tick(5);
    expect(guest.connection.of('room.notice').map((m) => m.notice)).toContain('media_interrupted');
    expect(host.connection.last('room.participant')?.participant.cameraOn).toBe(false);
    expect(kit.media.audioRooms).toHaveLength(2);
    expect(kit.media.videoRooms[0]!.closed).toBe(true);
    expect(guest.connection.last('media.restart')).toEqual({ type: 'media.restart' });
    expect(host.connection.last('media.restart')).toEqual({ type: 'media.restart' });
    await kit.send(guest.connection, { type: 'audio.offer', id: 'a2', offer });
    expect(kit.media.audio.legs.has(guest.participantId)).toBe(true);
  });

  it('waits for the node to come back within the recovery time, else ends with media_lost', async () => {
    kit = roomKit({ mediaRecoveryMs: 300 });
    const { host, guest } = await meeting();
    await tick();
    const node = kit.plane.nodes[0]!;
    kit.plane.down(node);
    await tick(20);
    await expect(kit.send(guest.connection, { type: 'audio.offer', id: 'a1', offer })).rejects.toMatchObject({
      name: 'MediaUnavailableError',
    });
    kit.plane.bringUp(node);
    await tick(20);
    expect(guest.connection.last('media.restart')).toBeDefined();

    const disconnected = host.connection;
    disconnected.close();
    kit.plane.down(node);
    await tick(400);
    expect(guest.connection.last('room.ended')).toEqual({ type: 'room.ended', reason: 'media_lost' });
    expect(kit.registry.size).toBe(0);
  });

  it('tells a seat that was reconnecting during a media restart to negotiate again when it resumes', async () => {
    kit = roomKit();
    const { guest } = await meeting();
    await tick();
    guest.connection.close();
    await kit.media.video.lose();
    await tick(5);
    const back = await kit.join(
      { kind: 'invitation', token: [...kit.resolver.invitations.keys()][0]! },
      { resumeToken: guest.resumeToken },
    );
    expect(back.connection.types()).toContain('media.restart');
  });
});
