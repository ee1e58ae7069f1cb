import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { insertOccurrence } from '../chat/test/occurrence-fixture.js';
import { meetingWorld, type MeetingWorld } from '../meetings/test/meetings-helpers.js';
import { createPollsRepo } from './polls-repo.js';

const draft = {
  question: 'Worüber sprechen wir im Mai?',
  options: ['Schlaf', 'Angehörige', 'Arbeit'],
  multiple: false,
  anonymous: true,
};

describe('preparing polls on the meeting page', () => {
  let t: TestApp;
  let w: MeetingWorld;
  let upcoming: string;
  let over: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t);
    const soon = new Date(t.clock.now().getTime() + 2 * 24 * 60 * 60 * 1000);
    upcoming = (await insertOccurrence(t.database.db, { organisationId: w.organisation.id, startsAt: soon }))
      .occurrenceId;
    const before = new Date(t.clock.now().getTime() - 3 * 60 * 60 * 1000);
    over = (await insertOccurrence(t.database.db, { organisationId: w.organisation.id, startsAt: before }))
      .occurrenceId;
  });
  afterAll(() => t.close());

  const path = (occurrenceId: string) => `/api/occurrences/${occurrenceId}/polls`;

  it('lets a host add drafts for a date to come and list them', async () => {
    const created = await w.hostClient.post(path(upcoming), draft);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ ...draft, status: 'draft', tallies: [0, 0, 0] });
    const list = await w.hostClient.get(path(upcoming));
    expect(list.json()).toMatchObject({ items: [{ question: draft.question, status: 'draft' }], max: 50 });
    // Another organisation's host and an admin: 404 and allowed, as for the meeting itself.
    expect((await w.otherHostClient.get(path(upcoming))).statusCode).toBe(404);
    expect((await w.adminClient.get(path(upcoming))).statusCode).toBe(200);
    expect((await t.client().get(path(upcoming))).statusCode).toBe(401);
  });

  it('refuses bad drafts with a clear error, and none for a date that is over', async () => {
    const oneOption = await w.hostClient.post(path(upcoming), { ...draft, options: ['Nur eine'] });
    expect(oneOption.statusCode).toBe(400);
    expect(oneOption.json()).toMatchObject({ error: 'validation_failed' });
    const control = await w.hostClient.post(path(upcoming), { ...draft, question: 'Zeile\u0000Null' });
    expect(control.statusCode).toBe(400);
    const late = await w.hostClient.post(path(over), draft);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ error: 'occurrence_over' });
    const noCsrf = await w.hostClient.post(path(upcoming), draft, { csrf: false });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('takes back a draft, but keeps a launched poll with the meeting', async () => {
    const { pollId } = (await w.hostClient.post(path(upcoming), draft)).json<{ pollId: string }>();
    expect((await w.hostClient.request('DELETE', `${path(upcoming)}/${pollId}`)).statusCode).toBe(204);
    expect((await w.hostClient.request('DELETE', `${path(upcoming)}/${pollId}`)).statusCode).toBe(404);

    const launched = (await w.hostClient.post(path(upcoming), draft)).json<{ pollId: string }>().pollId;
    await createPollsRepo(t.database.db).update(upcoming, launched, { status: 'open' }, t.clock.now());
    const refused = await w.hostClient.request('DELETE', `${path(upcoming)}/${launched}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'poll_launched' });
  });
});
