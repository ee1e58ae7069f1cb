import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinTokenIn, mailsTo } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import {
  meetingWorld,
  parseIcs,
  singleMeeting,
  weeklySeries,
  type MeetingJson,
  type MeetingWorld,
} from './test/meetings-helpers.js';

const hour = 3600 * 1000;
const day = 24 * hour;

describe('calendar feed, reminders and retention', () => {
  let t: TestApp;
  let w: MeetingWorld;

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t);
  });
  afterAll(() => t.close());

  it('serves a private, rotatable calendar feed without passcodes or invitees, and never logs its token', async () => {
    const series = (
      await w.hostClient.post('/api/series', weeklySeries(w.organisation.id))
    ).json<MeetingJson>();
    await w.hostClient.post(`/api/meetings/${series.id}/invitations`, {
      invitees: [{ email: 'gast@example.org' }],
    });
    const dates = (await w.hostClient.get(`/api/series/${series.id}/occurrences`)).json<{
      items: Array<{ id: string }>;
    }>();
    await w.hostClient.post(`/api/series/${series.id}/occurrences/${dates.items[1]!.id}/cancel`);
    expect((await w.hostClient.get('/api/calendar/feed')).json()).toEqual({ active: false, createdAt: null });

    const created = await w.hostClient.post('/api/calendar/feed');
    expect(created.statusCode).toBe(201);
    const { url } = created.json<{ url: string }>();
    expect(url).toMatch(/^http:\/\/localhost:8080\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const path = new URL(url).pathname;
    const feed = await t.client().get(path);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    const ics = parseIcs(feed.body);
    expect(ics.method).toBe('PUBLISH');
    const event = ics.events.find((e) => e.uid.startsWith(series.schedules[0]!.id))!;
    expect(event).toMatchObject({ summary: 'Gesprächskreis', start: '2030-03-19T18:00:00.000Z' });
    expect(feed.body).toContain('EXDATE;TZID=Europe/Berlin:20300326T190000');
    expect(feed.body).not.toContain(series.passcode ?? 'no passcode');
    expect(feed.body).not.toContain('gast@example.org');
    expect((await t.client().get(path)).statusCode).toBe(200);
    expect((await w.otherHostClient.post('/api/calendar/feed')).statusCode).toBe(201);

    const rotated = (await w.hostClient.post('/api/calendar/feed')).json<{ url: string }>().url;
    expect(rotated).not.toBe(url);
    expect((await t.client().get(path)).json()).toMatchObject({ error: 'calendar_feed_not_found' });
    expect((await t.client().get(new URL(rotated).pathname)).statusCode).toBe(200);
    expect((await t.client().get('/api/calendar/short.ics')).statusCode).toBe(404);
    expect((await w.hostClient.request('DELETE', '/api/calendar/feed')).statusCode).toBe(204);
    expect((await t.client().get(new URL(rotated).pathname)).statusCode).toBe(404);

    const token = path.split('/').at(-1)!.replace('.ics', '');
    expect(t.logs.join('\n')).not.toContain(token);
  });

  it('sends a reminder with a working link once, when the reminder time has come', async () => {
    const meeting = (
      await w.hostClient.post(
        '/api/meetings',
        singleMeeting(w.organisation.id, { start: '2030-03-05T19:00', reminderMinutes: 60 }),
      )
    ).json<MeetingJson>();
    await w.hostClient.post(`/api/meetings/${meeting.id}/invitations`, {
      invitees: [{ email: 'rita@example.org' }],
    });
    expect((await t.meetings.runJobs()).reminders).toBe(0);

    t.clock.advance(day + 8 * hour + 10 * 60 * 1000); // 5 March 17:10 UTC = 18:10 Berlin, 50 minutes before
    expect((await t.meetings.runJobs()).reminders).toBe(1);
    expect((await t.meetings.runJobs()).reminders).toBe(0);
    const reminder = (await mailsTo(t.database.db, 'rita@example.org')).at(-1)!;
    expect(reminder.template).toBe('meeting_reminder');
    expect(reminder.subject).toBe('Erinnerung: Offenes Treffen – Dienstag, 5. März 2030, 19:00–20:00 Uhr');
    expect(reminder.attachments).toEqual([]);
    const joined = await t.client().post('/api/join/invitation', { token: joinTokenIn(reminder.text) });
    expect(joined.statusCode).toBe(200);
  });

  it('deletes invitees 30 days after the last date and the meeting after a year', async () => {
    await w.hostClient.login(w.host.email, w.host.password);
    const meeting = (
      await w.hostClient.post(
        '/api/meetings',
        singleMeeting(w.organisation.id, { start: '2030-03-30T19:00' }),
      )
    ).json<MeetingJson>();
    await w.hostClient.post(`/api/meetings/${meeting.id}/invitations`, {
      invitees: [{ email: 'kurz@example.org' }, { email: 'weg@example.org' }],
    });
    const invitations = (await w.hostClient.get(`/api/meetings/${meeting.id}/invitations`)).json<{
      items: Array<{ id: string }>;
    }>().items;
    await w.hostClient.post(`/api/invitations/${invitations[1]!.id}/revoke`);
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('meeting_invitations')
            .select((eb) => eb.fn.countAll<string | number>().as('n'))
            .where('meeting_id', '=', meeting.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe(2);

    t.clock.advance(31 * day); // the revocation was 31 days ago, the meeting 6 days ago
    expect((await t.meetings.runJobs()).endedInvitations).toBe(1);
    expect(await count()).toBe(1);
    t.clock.advance(25 * day);
    expect((await t.meetings.runJobs()).invitations).toBe(1);
    expect(await count()).toBe(0);

    t.clock.advance(340 * day);
    expect((await t.meetings.runJobs()).meetings).toBeGreaterThanOrEqual(1);
    await w.adminClient.login(w.admin.email, w.admin.password);
    expect((await w.adminClient.get(`/api/meetings/${meeting.id}`)).statusCode).toBe(404);
  });
});
