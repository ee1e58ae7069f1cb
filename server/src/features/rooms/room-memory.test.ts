import { afterEach, describe, expect, it } from 'vitest';
import type { RoomMemoryStore } from './room-memory.js';
import type { RoomMemoryRecord } from './room-memory-fns.js';
import { roomKit } from './test/room-kit.js';
import { cameraOffer } from './test/sdp-offers.js';

/** The RoomMemoryStore contract over a Map, as the database repo keeps it (room-memory.int.test.ts). */
class MapMemoryStore implements RoomMemoryStore {
  readonly records = new Map<string, RoomMemoryRecord>();
  async recall(meetingKey: string) {
    return this.records.get(meetingKey);
  }
  async save(meetingKey: string, memory: RoomMemoryRecord) {
    this.records.set(meetingKey, structuredClone(memory));
  }
  async forget(meetingKey: string) {
    this.records.delete(meetingKey);
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('a live meeting across a server restart (fakes)', () => {
  const kits: Array<ReturnType<typeof roomKit>> = [];
  afterEach(async () => {
    await Promise.all(kits.splice(0).map((kit) => kit.close()));
  });

  /** A server process: its own registry and resolver, sharing the store (the database) with the others. */
  function serverProcess(store: MapMemoryStore, before?: ReturnType<typeof roomKit>) {
    const kit = roomKit({}, { memory: store });
    kits.push(kit);
    before?.resolver.invitations.forEach((invitation, token) =>
      kit.resolver.invitations.set(token, invitation),
    );
    return kit;
  }

  it('lets admitted people back without the waiting room, and keeps lock and removals', async () => {
    const store = new MapMemoryStore();
    const first = serverProcess(store);
    const host = await first.joinHost();
    const annaToken = first.resolver.invite(first.meeting.meetingId, 'Anna');
    const anna = await first.join({ kind: 'invitation', token: annaToken });
    const bertToken = first.resolver.invite(first.meeting.meetingId, 'Bert');
    const bert = await first.join({ kind: 'invitation', token: bertToken });
    const carlaToken = first.resolver.invite(first.meeting.meetingId, 'Carla');
    await first.send(host.connection, { type: 'host.admit', participantId: 'all' });
    await first.send(host.connection, {
      type: 'host.setRole',
      participantId: anna.participantId,
      role: 'cohost',
    });
    await first.send(host.connection, { type: 'host.remove', participantId: bert.participantId });
    await first.send(host.connection, { type: 'host.lock', locked: true });
    await settle();
    // The restart: a graceful stop keeps the memory (a crash leaves it as it was anyway).
    await first.close();
    await settle();
    expect(store.records.size).toBe(1);

    const second = serverProcess(store, first);
    const hostAgain = await second.join(
      { kind: 'host', meetingId: second.meeting.meetingId },
      { connection: second.hostConnection(), resumeToken: host.resumeToken },
    );
    expect(hostAgain.joined.status).toBe('admitted');
    const annaAgain = await second.join(
      { kind: 'invitation', token: annaToken },
      { resumeToken: anna.resumeToken },
    );
    expect(annaAgain.joined.status).toBe('admitted');
    expect(annaAgain.connection.last('room.state')?.you.role).toBe('cohost');
    expect(annaAgain.connection.last('room.state')?.settings.locked).toBe(true);
    // Still locked for newcomers; still removed for Bert, even with his old token.
    await expect(second.join({ kind: 'invitation', token: carlaToken })).rejects.toMatchObject({
      code: 'meeting_locked',
    });
    await expect(
      second.join({ kind: 'invitation', token: bertToken }, { resumeToken: bert.resumeToken }),
    ).rejects.toMatchObject({ code: 'removed' });
  });

  it('keeps who was in through a graceful stop, even while cameras close during it', async () => {
    const store = new MapMemoryStore();
    const first = serverProcess(store);
    const host = await first.joinHost();
    const annaToken = first.resolver.invite(first.meeting.meetingId, 'Anna');
    const anna = await first.join({ kind: 'invitation', token: annaToken });
    await first.send(host.connection, { type: 'host.admit', participantId: 'all' });
    await first.send(anna.connection, {
      type: 'video.publish',
      id: 'v1',
      kind: 'camera',
      offer: cameraOffer(),
    });
    await settle();
    await first.close();
    await settle();
    expect([...store.records.values()][0]?.admitted).toHaveLength(2);

    const second = serverProcess(store, first);
    const annaAgain = await second.join(
      { kind: 'invitation', token: annaToken },
      { resumeToken: anna.resumeToken },
    );
    expect(annaAgain.joined.status).toBe('admitted');
  });

  it('accepts an old token once, only from its own person, and forgets the meeting when it ends', async () => {
    const store = new MapMemoryStore();
    const first = serverProcess(store);
    first.meeting.settings = { ...first.meeting.settings, waitingRoom: true };
    const host = await first.joinHost();
    const annaToken = first.resolver.invite(first.meeting.meetingId, 'Anna');
    const anna = await first.join({ kind: 'invitation', token: annaToken });
    await first.send(host.connection, { type: 'host.admit', participantId: anna.participantId });
    await settle();
    await first.close();

    const second = serverProcess(store, first);
    second.meeting.settings = first.meeting.settings;
    await second.join(
      { kind: 'host', meetingId: second.meeting.meetingId },
      { connection: second.hostConnection() },
    );
    // Someone else's invitation with Anna's token is a newcomer: the waiting room.
    const mallory = second.resolver.invite(second.meeting.meetingId, 'Mallory');
    const stolen = await second.join(
      { kind: 'invitation', token: mallory },
      { resumeToken: anna.resumeToken },
    );
    expect(stolen.joined.status).toBe('waiting');
    const back = await second.join(
      { kind: 'invitation', token: annaToken },
      { resumeToken: anna.resumeToken },
    );
    expect(back.joined.status).toBe('admitted');

    await second.send(back.connection, { type: 'room.leave' });
    await second.close();
    await settle();
    // A graceful stop keeps it; an ended meeting does not.
    expect(store.records.size).toBe(1);
    const third = serverProcess(store, second);
    const hostThird = await third.joinHost();
    await third.send(hostThird.connection, { type: 'host.end' });
    await settle();
    expect(store.records.size).toBe(0);
  });
});
