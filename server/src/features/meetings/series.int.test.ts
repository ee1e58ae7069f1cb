import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailsTo } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import {
  meetingWorld,
  parseIcs,
  weeklySeries,
  type MeetingJson,
  type MeetingWorld,
  type OccurrenceJson,
} from './test/meetings-helpers.js';

describe('series: cancel, restore, move one date, "this and following", across DST', () => {
  let t: TestApp;
  let w: MeetingWorld;

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t);
  });
  afterAll(() => t.close());

  async function seriesWithInvitee(email: string, extra: Record<string, unknown> = {}) {
    const series = (
      await w.hostClient.post('/api/series', weeklySeries(w.organisation.id, extra))
    ).json<MeetingJson>();
    const invited = await w.hostClient.post(`/api/meetings/${series.id}/invitations`, {
      invitees: [{ email, name: 'Ida' }],
    });
    expect(invited.statusCode).toBe(201);
    const occurrences = async () =>
      (await w.hostClient.get(`/api/series/${series.id}/occurrences`)).json<{ items: OccurrenceJson[] }>()
        .items;
    return { series, occurrences };
  }

  it('materialises every date with a stable id, in the right instant on both sides of the DST change', async () => {
    const { occurrences } = await seriesWithInvitee('ida1@example.org');
    const dates = await occurrences();
    expect(dates.map((d) => [d.occurrenceKey, d.start])).toEqual([
      ['2030-03-19T19:00', '2030-03-19T18:00:00.000Z'],
      ['2030-03-26T19:00', '2030-03-26T18:00:00.000Z'],
      ['2030-04-02T19:00', '2030-04-02T17:00:00.000Z'],
      ['2030-04-09T19:00', '2030-04-09T17:00:00.000Z'],
      ['2030-04-16T19:00', '2030-04-16T17:00:00.000Z'],
      ['2030-04-23T19:00', '2030-04-23T17:00:00.000Z'],
    ]);
    expect(new Set(dates.map((d) => d.id)).size).toBe(6);
    expect((await occurrences()).map((d) => d.id)).toEqual(dates.map((d) => d.id));
  });

  it('cancels one date (METHOD:CANCEL with RECURRENCE-ID) and restores it (REQUEST), SEQUENCE rising', async () => {
    const { series, occurrences } = await seriesWithInvitee('ida2@example.org');
    const second = (await occurrences())[1]!;
    const cancelled = await w.hostClient.post(`/api/series/${series.id}/occurrences/${second.id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect((await occurrences())[1]).toMatchObject({ id: second.id, status: 'cancelled' });
    expect(
      (await w.hostClient.post(`/api/series/${series.id}/occurrences/${second.id}/cancel`)).statusCode,
    ).toBe(409);

    const [invitation, cancellation] = await mailsTo(t.database.db, 'ida2@example.org');
    expect(cancellation?.template).toBe('occurrence_cancelled');
    const first = parseIcs(invitation!.attachments[0]!.content);
    const cancel = parseIcs(cancellation!.attachments[0]!.content);
    expect(cancellation!.attachments[0]!.contentType).toContain('method=CANCEL');
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.events).toHaveLength(1);
    expect(cancel.events[0]).toMatchObject({
      uid: first.events[0]!.uid,
      recurrenceId: '2030-03-26T18:00:00.000Z',
    });
    expect(cancel.events[0]!.sequence).toBeGreaterThan(first.events[0]!.sequence);
    expect(cancellation!.text).toContain('Dienstag, 26. März 2030, 19:00–20:30 Uhr');

    await w.hostClient.post(`/api/series/${series.id}/occurrences/${second.id}/restore`);
    expect((await occurrences())[1]).toMatchObject({ id: second.id, status: 'scheduled' });
    const restored = (await mailsTo(t.database.db, 'ida2@example.org'))[2]!;
    const request = parseIcs(restored.attachments[0]!.content);
    expect(request.method).toBe('REQUEST');
    expect(request.events[0]!.sequence).toBeGreaterThan(cancel.events[0]!.sequence);
  });

  it('moves one date: an override with RECURRENCE-ID; the occurrence keeps its id and key', async () => {
    const { series, occurrences } = await seriesWithInvitee('ida3@example.org');
    const third = (await occurrences())[2]!;
    const moved = await w.hostClient.post(`/api/series/${series.id}/occurrences/${third.id}/move`, {
      start: '2030-04-03T10:00',
      durationMinutes: 60,
    });
    expect(moved.statusCode).toBe(200);
    expect((await occurrences())[2]).toMatchObject({
      id: third.id,
      occurrenceKey: '2030-04-02T19:00',
      start: '2030-04-03T08:00:00.000Z',
      end: '2030-04-03T09:00:00.000Z',
      status: 'moved',
    });
    const mail = (await mailsTo(t.database.db, 'ida3@example.org')).at(-1)!;
    expect(mail.template).toBe('occurrence_moved');
    expect(mail.text).toContain('Der Termin am Dienstag, 2. April 2030, 19:00–20:30 Uhr wurde verlegt auf');
    const ics = parseIcs(mail.attachments[0]!.content);
    const override = ics.events.find((e) => e.recurrenceId !== undefined);
    expect(override).toMatchObject({
      recurrenceId: '2030-04-02T17:00:00.000Z',
      start: '2030-04-03T08:00:00.000Z',
    });
    expect(
      (
        await w.hostClient.post(`/api/series/${series.id}/occurrences/${third.id}/move`, {
          start: '2030-03-01T10:00',
        })
      ).json(),
    ).toMatchObject({ error: 'start_in_past' });
  });

  it('"this and following" ends the rule and starts a new one; later dates keep their ids', async () => {
    const { series, occurrences } = await seriesWithInvitee('ida4@example.org');
    const before = await occurrences();
    const fourth = before[3]!;
    const split = await w.hostClient.post(
      `/api/series/${series.id}/occurrences/${fourth.id}/this-and-following`,
      {
        firstStart: '2030-04-09T18:00',
      },
    );
    expect(split.statusCode).toBe(200);
    const updated = split.json<MeetingJson>();
    expect(updated.schedules).toHaveLength(2);
    expect(updated.schedules[0]!.rrule).toMatch(/UNTIL=20300402T170000Z/);
    expect(updated.schedules[1]).toMatchObject({ firstStart: '2030-04-09T18:00', sequence: 0 });

    const after = await occurrences();
    expect(after.map((d) => d.start)).toEqual([
      '2030-03-19T18:00:00.000Z',
      '2030-03-26T18:00:00.000Z',
      '2030-04-02T17:00:00.000Z',
      '2030-04-09T16:00:00.000Z',
      '2030-04-16T16:00:00.000Z',
      '2030-04-23T16:00:00.000Z',
    ]);
    expect(after.map((d) => d.id)).toEqual(before.map((d) => d.id));

    const mail = (await mailsTo(t.database.db, 'ida4@example.org')).at(-1)!;
    expect(mail.template).toBe('meeting_updated');
    expect(mail.attachments).toHaveLength(2);
    const [old, next] = mail.attachments.map((a) => parseIcs(a.content));
    expect(old!.events[0]).toMatchObject({ uid: `${updated.schedules[0]!.id}@localhost`, sequence: 1 });
    expect(old!.events[0]!.rrule).toContain('UNTIL=20300402T170000Z');
    expect(next!.events[0]).toMatchObject({
      uid: `${updated.schedules[1]!.id}@localhost`,
      sequence: 0,
      start: '2030-04-09T16:00:00.000Z',
    });
    expect(next!.events[0]!.rrule).toContain('COUNT=3');
  });

  it('changes the whole rule in place at the first date, and never a date that has begun', async () => {
    const { series, occurrences } = await seriesWithInvitee('ida5@example.org', {
      firstStart: '2030-03-12T19:00',
      recurrence: {
        frequency: 'monthly',
        interval: 1,
        monthlyMode: 'by_weekday',
        end: { type: 'count', count: 3 },
      },
    });
    const dates = await occurrences();
    expect(dates.map((d) => d.occurrenceKey)).toEqual([
      '2030-03-12T19:00',
      '2030-04-09T19:00',
      '2030-05-14T19:00',
    ]);
    const whole = await w.hostClient.post(
      `/api/series/${series.id}/occurrences/${dates[0]!.id}/this-and-following`,
      {
        durationMinutes: 45,
        recurrence: {
          frequency: 'monthly',
          interval: 1,
          monthlyMode: 'by_weekday',
          end: { type: 'count', count: 4 },
        },
      },
    );
    expect(whole.json<MeetingJson>().schedules).toHaveLength(1);
    const after = await occurrences();
    expect(after).toHaveLength(4);
    expect(after.slice(0, 3).map((d) => d.id)).toEqual(dates.map((d) => d.id));
    expect(after[3]!.occurrenceKey).toBe('2030-06-11T19:00');

    t.clock.advance(9 * 24 * 3600 * 1000);
    await w.hostClient.login(w.host.email, w.host.password);
    const started = await w.hostClient.post(`/api/series/${series.id}/occurrences/${dates[0]!.id}/cancel`);
    expect(started.json()).toMatchObject({ error: 'occurrence_started' });
  });
});
