import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailsTo } from '../../test/factories.js';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app.js';
import {
  meetingWorld,
  singleMeeting,
  type MeetingJson,
  type MeetingWorld,
} from '../meetings/test/meetings-helpers.js';

describe('joining by meeting ID and passcode', () => {
  let t: TestApp;
  let w: MeetingWorld;
  let meeting: MeetingJson;

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t);
    meeting = (
      await w.hostClient.post(
        '/api/meetings',
        singleMeeting(w.organisation.id, { passcode: 'Sonnen-Blume7' }),
      )
    ).json<MeetingJson>();
  });
  afterAll(() => t.close());

  /** A client from its own address, so that the per-source limit of one test does not touch another. */
  let sources = 0;
  const visitor = (): TestClient => {
    const client = t.client();
    sources += 1;
    client.remoteAddress = `198.51.100.${sources}`;
    return client;
  };
  const join = (client: TestClient, body: Record<string, unknown>) => client.post('/api/join/meeting', body);

  it('answers an unknown meeting exactly like a protected one, and opens with the right passcode', async () => {
    const unknownId = meeting.meetingId.startsWith('9') ? '1234567890' : '9876543210';
    const answers = async (meetingId: string) => {
      const client = visitor();
      const results = [];
      for (const passcode of [undefined, '', '   ', 'falsch-123']) {
        const response = await join(client, { meetingId, ...(passcode === undefined ? {} : { passcode }) });
        const body = response.json<{ error: string; message: string }>();
        results.push([response.statusCode, body.error, body.message]);
      }
      return results;
    };
    const known = await answers(meeting.meetingId);
    expect(known).toEqual(await answers(unknownId));
    expect(known.map((r) => r[1])).toEqual([
      'passcode_required',
      'passcode_required',
      'passcode_required',
      'passcode_wrong',
    ]);

    const formatted = `${meeting.meetingId.slice(0, 3)} ${meeting.meetingId.slice(3, 6)} ${meeting.meetingId.slice(6)}`;
    const opened = await join(visitor(), { meetingId: formatted, passcode: ' Sonnen-Blume7 ' });
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({
      via: 'meeting_id',
      passcodeRequired: false,
      invitee: null,
      meeting: { title: 'Offenes Treffen', waitingRoom: true, e2ee: false },
      occurrence: { start: '2030-03-12T18:00:00.000Z' },
    });
    expect(
      (await join(visitor(), { meetingId: meeting.meetingId, passcode: 'sonnen-blume7' })).statusCode,
    ).toBe(403);
    expect((await join(visitor(), { meetingId: '12345' })).json()).toMatchObject({
      error: 'validation_failed',
    });
  });

  it('stops guessing with 429 and tells the host once an hour, by mail and in the audit log', async () => {
    const attacker = visitor();
    let attempts = 0;
    let status = 0;
    while (status !== 429 && attempts < 50) {
      attempts += 1;
      status = (await join(attacker, { meetingId: meeting.meetingId, passcode: `guess-${attempts}` }))
        .statusCode;
    }
    expect(status).toBe(429);
    expect(attempts).toBeLessThanOrEqual(11);
    const refused = await join(attacker, { meetingId: meeting.meetingId, passcode: 'Sonnen-Blume7' });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();

    // Many sources together exhaust the meeting's own budget as well.
    for (let i = 0; i < 25; i += 1) {
      await join(visitor(), { meetingId: meeting.meetingId, passcode: `spread-${i}` });
    }
    expect(
      (await join(visitor(), { meetingId: meeting.meetingId, passcode: 'Sonnen-Blume7' })).statusCode,
    ).toBe(429);

    const alerts = (await mailsTo(t.database.db, w.host.email)).filter(
      (m) => m.template === 'meeting_under_attack',
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.subject).toBe('Sicherheitshinweis zu Ihrem Treffen: Offenes Treffen');
    expect(alerts[0]!.text).toContain(meeting.meetingId.slice(0, 3));
    expect(alerts[0]!.text).not.toMatch(/198\.51\.100/);
    const audit = await w.adminClient.get('/api/admin/audit?action=meeting.passcode_attack');
    expect(audit.json()).toMatchObject({
      total: 1,
      items: [
        { actorRole: 'system', target: { type: 'meeting', id: meeting.id }, details: { hostNotified: true } },
      ],
    });

    // An hour later the limits have refilled, the passcode opens, and a new attack is reported again.
    t.clock.advance(61 * 60 * 1000);
    expect(
      (await join(attacker, { meetingId: meeting.meetingId, passcode: 'Sonnen-Blume7' })).statusCode,
    ).toBe(200);
    for (let i = 0; i < 30; i += 1) {
      await join(attacker, { meetingId: meeting.meetingId, passcode: `again-${i}` });
    }
    const later = (await mailsTo(t.database.db, w.host.email)).filter(
      (m) => m.template === 'meeting_under_attack',
    );
    expect(later).toHaveLength(2);
    expect(t.logs.join('\n')).not.toContain('Sonnen-Blume7');
  });

  it('says "cancelled" only to someone who knows the passcode', async () => {
    const cancelled = (
      await w.hostClient.post('/api/meetings', singleMeeting(w.organisation.id, { passcode: 'Regen-Bogen9' }))
    ).json<MeetingJson>();
    await w.hostClient.post(`/api/meetings/${cancelled.id}/cancel`);
    expect(
      (await join(visitor(), { meetingId: cancelled.meetingId, passcode: 'nein-nein' })).json(),
    ).toMatchObject({
      error: 'passcode_wrong',
    });
    expect(
      (await join(visitor(), { meetingId: cancelled.meetingId, passcode: 'Regen-Bogen9' })).json(),
    ).toMatchObject({
      error: 'meeting_cancelled',
    });
  });

  it('opens a meeting without passcode with its ID alone', async () => {
    const open = (
      await w.hostClient.post('/api/meetings', singleMeeting(w.organisation.id, { passcode: null }))
    ).json<MeetingJson>();
    expect(open.passcode).toBeNull();
    expect((await join(visitor(), { meetingId: open.meetingId })).statusCode).toBe(200);
  });
});
