import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import {
  meetingWorld,
  singleMeeting,
  weeklySeries,
  type MeetingJson,
  type MeetingWorld,
  type OccurrenceJson,
} from './test/meetings-helpers.js';

describe('meetings: safe defaults, organisation boundaries, set up for others, dashboard', () => {
  let t: TestApp;
  let w: MeetingWorld;

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t);
    const settings = await w.adminClient.put('/api/admin/settings', {
      dialInNumbers: [{ label: 'Berlin', number: '+49 30 1234567' }],
    });
    expect(settings.statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('creates a meeting with safe defaults, a random passcode and a 10-digit meeting ID', async () => {
    const created = await w.hostClient.post('/api/meetings', singleMeeting(w.organisation.id));
    expect(created.statusCode).toBe(201);
    const meeting = created.json<MeetingJson & { timeZone: string; joinUrl: string }>();
    expect(meeting).toMatchObject({
      kind: 'single',
      timeZone: 'Europe/Berlin',
      status: 'active',
      host: { id: w.host.id, name: 'Hanna Host' },
      settings: {
        waitingRoom: true,
        joinBeforeHost: false,
        muteOnEntry: true,
        cameraOffOnEntry: true,
        chat: true,
        dialIn: true,
        e2ee: false,
        maxParticipants: 100,
      },
      dialIn: { available: true, numbers: [{ label: 'Berlin', number: '+49 30 1234567' }] },
      nextOccurrence: { start: '2030-03-12T18:00:00.000Z', end: '2030-03-12T19:00:00.000Z' },
    });
    expect(meeting.meetingId).toMatch(/^[1-9]\d{9}$/);
    expect(meeting.passcode).toMatch(/^[A-Za-z2-9]{8}$/);
    expect(meeting.joinUrl).toBe(`http://localhost:8080/m/${meeting.meetingId}`);

    const other = (
      await w.hostClient.post('/api/meetings', singleMeeting(w.organisation.id))
    ).json<MeetingJson>();
    expect(other.meetingId).not.toBe(meeting.meetingId);
    expect(other.passcode).not.toBe(meeting.passcode);

    const text = await w.hostClient.get(`/api/meetings/${meeting.id}/invitation-text?language=de`);
    expect(text.headers['content-type']).toContain('text/plain');
    const id = meeting.meetingId;
    expect(text.body).toContain(`Meeting-ID: ${id.slice(0, 3)} ${id.slice(3, 6)} ${id.slice(6)}`);
    expect(text.body).toContain(`Kenncode: ${meeting.passcode ?? ''}`);
    expect(text.body).toContain('Berlin: +49 30 1234567');
    expect(text.body).toContain('Dienstag, 12. März 2030, 19:00–20:00 Uhr');
    expect(text.body).toContain(meeting.joinUrl);
    const english = await w.hostClient.get(`/api/meetings/${meeting.id}/invitation-text?language=en`);
    expect(english.body).toContain('Tuesday, 12 March 2030, 7:00 pm–8:00 pm');
    expect(english.body).toContain('Passcode:');
  });

  it('offers no dial-in for an end-to-end encrypted meeting', async () => {
    const meeting = (
      await w.hostClient.post('/api/meetings', singleMeeting(w.organisation.id, { settings: { e2ee: true } }))
    ).json<MeetingJson>();
    expect(meeting.dialIn).toEqual({ available: false, numbers: [] });
    const text = (await w.hostClient.get(`/api/meetings/${meeting.id}/invitation-text?language=de`)).body;
    expect(text).not.toContain('+49 30 1234567');
    expect(text).toContain('Ende-zu-Ende-verschlüsselt');
  });

  it('validates input at the edge: control characters, lengths, zones, the past', async () => {
    const bad = async (extra: Record<string, unknown>) =>
      (await w.hostClient.post('/api/meetings', singleMeeting(w.organisation.id, extra))).json<{
        error: string;
      }>().error;
    expect(await bad({ title: 'Hallo\r\nBcc: everyone@example.org' })).toBe('validation_failed');
    expect(await bad({ title: 'x'.repeat(10_000) })).toBe('validation_failed');
    expect(await bad({ description: 'x'.repeat(10_000) })).toBe('validation_failed');
    expect(await bad({ timeZone: 'Mars/Olympus' })).toBe('validation_failed');
    expect(await bad({ timeZone: '+02:00' })).toBe('validation_failed');
    expect(await bad({ passcode: '      ' })).toBe('validation_failed');
    expect(await bad({ settings: { maxParticipants: 5000 } })).toBe('validation_failed');
    expect(await bad({ settings: { unknown: true } })).toBe('validation_failed');
    expect(await bad({ start: '2030-03-01T19:00' })).toBe('start_in_past');
    expect(await bad({ start: '2030-02-30T19:00' })).toBe('validation_failed');
  });

  it('keeps organisations apart: another organisation’s meeting is not found', async () => {
    const meeting = (
      await w.hostClient.post('/api/meetings', singleMeeting(w.organisation.id))
    ).json<MeetingJson>();
    const other = w.otherHostClient;
    for (const response of [
      await other.get(`/api/meetings/${meeting.id}`),
      await other.patch(`/api/meetings/${meeting.id}`, { title: 'Übernommen' }),
      await other.post(`/api/meetings/${meeting.id}/cancel`),
      await other.get(`/api/meetings/${meeting.id}/invitations`),
      await other.post(`/api/meetings/${meeting.id}/invitations`, { invitees: [{ email: 'x@example.org' }] }),
      await other.get(`/api/meetings/${meeting.id}/invitation-text`),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: 'meeting_not_found' });
    }
    const elsewhere = await other.post('/api/meetings', singleMeeting(w.organisation.id));
    expect(elsewhere.json()).toMatchObject({ error: 'organisation_not_found' });
    expect(
      (await other.get('/api/meetings/occurrences?scope=organisation&organisationId=' + w.organisation.id))
        .statusCode,
    ).toBe(404);
    const list = await other.get('/api/meetings/occurrences');
    expect(list.json()).toMatchObject({ total: 0 });
    expect((await w.hostClient.get(`/api/meetings/${meeting.id}`)).statusCode).toBe(200);
  });

  it('lets a platform admin set up a series for a host, who then sees it as theirs', async () => {
    const forbidden = await w.hostClient.post(
      '/api/series',
      weeklySeries(w.organisation.id, { hostUserId: w.otherHost.id }),
    );
    expect(forbidden.statusCode).toBe(403);
    const wrongHost = await w.adminClient.post(
      '/api/series',
      weeklySeries(w.organisation.id, { hostUserId: w.otherHost.id }),
    );
    expect(wrongHost.json()).toMatchObject({ error: 'invalid_host' });

    const created = await w.adminClient.post(
      '/api/series',
      weeklySeries(w.organisation.id, { hostUserId: w.host.id }),
    );
    expect(created.statusCode).toBe(201);
    const series = created.json<MeetingJson>();
    expect(series).toMatchObject({ kind: 'series', host: { id: w.host.id } });

    const mine = await w.hostClient.get('/api/series');
    expect(mine.json<{ items: Array<{ id: string; nextStart: string }> }>().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: series.id, nextStart: '2030-03-19T18:00:00.000Z' }),
      ]),
    );
    const upcoming = await w.hostClient.get('/api/meetings/occurrences?limit=100');
    const dates = upcoming
      .json<{ items: Array<OccurrenceJson & { meeting: { id: string } }> }>()
      .items.filter((item) => item.meeting.id === series.id);
    expect(dates.map((d) => d.start)).toEqual([
      '2030-03-19T18:00:00.000Z',
      '2030-03-26T18:00:00.000Z',
      '2030-04-02T17:00:00.000Z',
      '2030-04-09T17:00:00.000Z',
      '2030-04-16T17:00:00.000Z',
      '2030-04-23T17:00:00.000Z',
    ]);
    expect((await w.otherHostClient.get('/api/series')).json()).toMatchObject({ total: 0 });
    expect((await w.hostClient.get('/api/meetings/occurrences?scope=all')).statusCode).toBe(403);
    expect(
      (await w.adminClient.get('/api/meetings/occurrences?scope=all')).json<{ total: number }>().total,
    ).toBeGreaterThan(5);

    const audit = await w.adminClient.get('/api/admin/audit?action=meeting.created&limit=200');
    const entry = audit
      .json<{ items: Array<{ target: { id: string } }> }>()
      .items.find((item) => item.target.id === series.id);
    expect(entry).toMatchObject({
      action: 'meeting.created',
      actor: { id: w.admin.id, name: 'Petra Plattform' },
      details: { kind: 'series', hostUserId: w.host.id, occurrences: 6 },
    });
  });

  it('changes settings, hands over to another host only by admins, cancels once, lists past meetings', async () => {
    const meeting = (
      await w.hostClient.post('/api/meetings', singleMeeting(w.organisation.id))
    ).json<MeetingJson>();
    const patched = await w.hostClient.patch(`/api/meetings/${meeting.id}`, {
      settings: { waitingRoom: false },
      passcode: 'neuer-Code-42',
      reminderMinutes: 60,
    });
    expect(patched.json()).toMatchObject({
      settings: { waitingRoom: false, muteOnEntry: true },
      passcode: 'neuer-Code-42',
    });
    expect(
      (await w.hostClient.patch(`/api/meetings/${meeting.id}`, { hostUserId: w.admin.id })).statusCode,
    ).toBe(403);
    const moved = await w.hostClient.patch(`/api/meetings/${meeting.id}`, { start: '2030-03-13T10:00' });
    expect(moved.json()).toMatchObject({ nextOccurrence: { start: '2030-03-13T09:00:00.000Z' } });
    expect(moved.json<MeetingJson>().nextOccurrence?.id).toBe(meeting.nextOccurrence?.id);

    expect((await w.hostClient.post(`/api/meetings/${meeting.id}/cancel`)).json()).toMatchObject({
      status: 'cancelled',
    });
    expect((await w.hostClient.post(`/api/meetings/${meeting.id}/cancel`)).json()).toMatchObject({
      error: 'meeting_cancelled',
    });
    const cancelled = await w.hostClient.get('/api/meetings?status=cancelled');
    expect(cancelled.json<{ items: Array<{ id: string }> }>().items.map((m) => m.id)).toContain(meeting.id);

    t.clock.advance(120 * 24 * 3600 * 1000);
    await w.hostClient.login(w.host.email, w.host.password);
    const past = await w.hostClient.get('/api/meetings/occurrences?when=past');
    expect(past.json<{ total: number }>().total).toBeGreaterThan(0);
    const done = await w.hostClient.get('/api/meetings?when=past');
    expect(done.json<{ total: number }>().total).toBeGreaterThan(0);
    const over = await w.hostClient.patch(
      `/api/meetings/${done.json<{ items: Array<{ id: string }> }>().items[0]?.id ?? ''}`,
      { title: 'x' },
    );
    expect(over.json()).toMatchObject({ error: 'meeting_over' });
  });
});
