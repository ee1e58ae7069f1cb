import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { meetingWorld, type MeetingWorld } from '../meetings/test/meetings-helpers.js';
import { createPollsRepo } from '../polls/polls-repo.js';
import { chatKit } from './test/chat-kit.js';
import { insertOccurrence } from './test/occurrence-fixture.js';

const DAY = 24 * 60 * 60 * 1000;

interface PastPage {
  items: Array<{ id: string; records?: { chatMessages: number; polls: number; keptUntil: string } }>;
}

describe('chat and poll retention per organisation', () => {
  let t: TestApp;
  let w: MeetingWorld;
  const ends = new Date('2030-03-04T19:30:00Z');
  let ours: string;
  let theirs: string;

  /** One message and one poll in a fresh occurrence of the organisation. */
  async function meetingWithRecords(organisationId: string): Promise<string> {
    const { occurrenceId } = await insertOccurrence(t.database.db, {
      organisationId,
      startsAt: new Date(ends.getTime() - 90 * 60 * 1000),
      endsAt: ends,
    });
    const kit = await chatKit(t.database.db, { occurrenceId });
    const host = await kit.joinHost();
    await kit.say(host.connection, 'Bis nächste Woche!');
    await kit.close();
    await createPollsRepo(t.database.db).create(
      {
        occurrenceId,
        createdByKey: 'user:x',
        question: 'Weiter im Sommer?',
        options: ['Ja', 'Nein'],
        multiple: false,
        anonymous: false,
      },
      t.clock.now(),
    );
    return occurrenceId;
  }

  /** Logs in afresh each time: the clock jumps by days, past any session's idle limit. */
  const past = async () => {
    const client = t.client();
    await client.login(w.host.email, w.host.password);
    const response = await client.get('/api/meetings/occurrences?when=past&scope=organisation');
    expect(response.statusCode).toBe(200);
    return response.json<PastPage>();
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t);
    ours = await meetingWithRecords(w.organisation.id);
    theirs = await meetingWithRecords(w.otherOrganisation.id);
  });
  afterAll(() => t.close());

  it('lets admins give an organisation its own period (1 to 365 days, empty for the default)', async () => {
    const path = `/api/admin/organisations/${w.otherOrganisation.id}`;
    expect((await w.adminClient.patch(path, { chatRetentionDays: 0 })).statusCode).toBe(400);
    expect((await w.adminClient.patch(path, { chatRetentionDays: 366 })).statusCode).toBe(400);
    expect((await w.hostClient.patch(path, { chatRetentionDays: 7 })).statusCode).toBe(403);
    const saved = await w.adminClient.patch(path, { chatRetentionDays: 7 });
    expect(saved.json()).toMatchObject({ chatRetentionDays: 7 });
    expect((await w.adminClient.get(`/api/admin/organisations/${w.organisation.id}`)).json()).toMatchObject({
      chatRetentionDays: null,
    });
  });

  it('shows hosts under past dates what is kept and the day it is deleted', async () => {
    t.clock.advance(ends.getTime() - t.clock.now().getTime() + DAY);
    const item = (await past()).items.find((occurrence) => occurrence.id === ours);
    expect(item?.records).toEqual({
      chatMessages: 1,
      polls: 1,
      keptUntil: new Date(ends.getTime() + 30 * DAY).toISOString(),
    });
  });

  it("deletes chat and polls after the organisation's own period, and others' after the default", async () => {
    t.clock.advance(7 * DAY);
    const first = await t.meetings.runJobs();
    expect(first).toMatchObject({ chat: 1, polls: 1 });
    const count = async (table: 'chat_messages' | 'polls', occurrenceId: string) =>
      (await t.database.db.selectFrom(table).select('id').where('occurrence_id', '=', occurrenceId).execute())
        .length;
    const left = async (occurrenceId: string) => ({
      chat: await count('chat_messages', occurrenceId),
      polls: await count('polls', occurrenceId),
    });
    expect(await left(theirs)).toEqual({ chat: 0, polls: 0 });
    expect(await left(ours)).toEqual({ chat: 1, polls: 1 });

    t.clock.advance(23 * DAY);
    expect(await t.meetings.runJobs()).toMatchObject({ chat: 1, polls: 1 });
    expect(await left(ours)).toEqual({ chat: 0, polls: 0 });
    expect((await past()).items.find((occurrence) => occurrence.id === ours)?.records).toMatchObject({
      chatMessages: 0,
      polls: 0,
    });
  });
});
