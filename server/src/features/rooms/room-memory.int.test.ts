import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { meetingWorld, singleMeeting, type MeetingJson } from '../meetings/test/meetings-helpers.js';
import { createRoomMemoryRepo } from './room-memory.js';
import type { RoomMemoryRecord } from './room-memory-fns.js';

describe('live room memory in the database', () => {
  let t: TestApp;
  let occurrenceId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const w = await meetingWorld(t);
    const meeting = (
      await w.hostClient.post('/api/meetings', singleMeeting(w.organisation.id))
    ).json<MeetingJson>();
    occurrenceId = meeting.nextOccurrence!.id;
  });
  afterAll(() => t.close());

  const record: RoomMemoryRecord = {
    locked: true,
    allowSelfUnmute: false,
    removedIdentities: ['invitation:x'],
    admitted: [{ identityKey: 'user:h', role: 'host', resumeHash: 'abc' }],
  };

  it('keeps, replaces, forgets and expires a meeting’s memory', async () => {
    const repo = createRoomMemoryRepo(t.database.db);
    expect(await repo.recall(occurrenceId)).toBeUndefined();
    await repo.save(occurrenceId, record, new Date('2030-03-12T18:00:00Z'));
    await repo.save(occurrenceId, { ...record, locked: false }, new Date('2030-03-12T18:05:00Z'));
    expect(await repo.recall(occurrenceId)).toEqual({ ...record, locked: false });
    expect(await repo.deleteUnchangedSince(new Date('2030-03-12T18:00:00Z'))).toBe(0);
    expect(await repo.deleteUnchangedSince(new Date('2030-03-13T18:05:00Z'))).toBe(1);
    expect(await repo.recall(occurrenceId)).toBeUndefined();
    await repo.save(occurrenceId, record, new Date());
    await repo.forget(occurrenceId);
    expect(await repo.recall(occurrenceId)).toBeUndefined();
  });

  it('ignores a record it cannot read instead of failing the meeting', async () => {
    const repo = createRoomMemoryRepo(t.database.db);
    await t.database.db
      .insertInto('live_room_memory')
      .values({
        occurrence_id: occurrenceId,
        memory: JSON.stringify({ locked: 'yes' }),
        updated_at: new Date(),
      })
      .execute();
    expect(await repo.recall(occurrenceId)).toBeUndefined();
  });
});
