import type { RoomCredential } from '@treffpunkt/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, joinTokenIn, mailsTo } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import type { RoomEntryContext } from '../rooms/rooms-types.js';
import {
  meetingWorld,
  singleMeeting,
  weeklySeries,
  type MeetingJson,
  type MeetingWorld,
} from './test/meetings-helpers.js';

/** The live room's door with the real meetings services and database (the room itself: rooms.int.test.ts). */
describe('entering the live room with an invitation, a meeting ID or a host login', () => {
  let t: TestApp;
  let w: MeetingWorld;
  let series: MeetingJson;
  let open: MeetingJson;

  const resolve = (credential: RoomCredential, context: RoomEntryContext = { source: '203.0.113.1' }) =>
    t.meetings.entryResolver.resolve(credential, context);
  const errorOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (error: unknown) => (error as { code?: string }).code,
    );
  const asUser = (user: { id: string; name: string }): RoomEntryContext => ({
    sessionUser: { userId: user.id, displayName: user.name },
    source: '203.0.113.2',
  });

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t);
    series = (
      await w.hostClient.post(
        '/api/series',
        weeklySeries(w.organisation.id, { passcode: 'Abend-Stern4', settings: { waitingRoom: false } }),
      )
    ).json<MeetingJson>();
    open = (
      await w.hostClient.post('/api/meetings', singleMeeting(w.organisation.id, { passcode: null }))
    ).json<MeetingJson>();
    await w.hostClient.post(`/api/meetings/${series.id}/invitations`, {
      invitees: [{ email: 'anna@example.org', name: 'Anna A.' }, { email: 'bernd@example.org' }],
    });
  });
  afterAll(() => t.close());

  const tokenOf = async (email: string) => joinTokenIn((await mailsTo(t.database.db, email))[0]!.text)!;

  it('seats an invitee as a participant in the next occurrence, with the meeting settings', async () => {
    const entry = await resolve({ kind: 'invitation', token: await tokenOf('anna@example.org') });
    expect(entry).toMatchObject({
      meetingKey: series.nextOccurrence!.id,
      title: 'Gesprächskreis',
      role: 'participant',
      displayName: 'Anna A.',
      settings: { waitingRoom: false, muteOnEntry: true, cameraOffOnEntry: true, chatEnabled: true },
    });
    expect(entry.identityKey).toMatch(/^invitation:/);
    // The same person is the same identity every time (a second window is recognised, not a new seat).
    const again = await resolve({ kind: 'invitation', token: await tokenOf('anna@example.org') });
    expect(again.identityKey).toBe(entry.identityKey);
    // Without a name in the invitation, a neutral one until the pre-join page sends theirs.
    expect(
      (await resolve({ kind: 'invitation', token: await tokenOf('bernd@example.org') })).displayName,
    ).toBe('Gast');
  });

  it('refuses a revoked invitation, a wrong passcode and a meeting that is not there', async () => {
    const invitations = (await w.hostClient.get(`/api/meetings/${series.id}/invitations`)).json<{
      items: Array<{ id: string; email: string }>;
    }>().items;
    const bernd = invitations.find((i) => i.email === 'bernd@example.org')!;
    const token = await tokenOf('bernd@example.org');
    await w.hostClient.post(`/api/invitations/${bernd.id}/revoke`);
    expect(await errorOf(resolve({ kind: 'invitation', token }))).toBe('invitation_invalid');

    const meetingId = series.meetingId;
    expect(await errorOf(resolve({ kind: 'meeting', meetingId }))).toBe('passcode_required');
    expect(await errorOf(resolve({ kind: 'meeting', meetingId, passcode: '  ' }))).toBe('passcode_required');
    expect(await errorOf(resolve({ kind: 'meeting', meetingId, passcode: 'falsch' }))).toBe('passcode_wrong');
    const unknown = meetingId.startsWith('9') ? '1234567890' : '9876543210';
    expect(await errorOf(resolve({ kind: 'meeting', meetingId: unknown, passcode: 'falsch' }))).toBe(
      'passcode_wrong',
    );
  });

  it('gives every meeting-ID guest a fresh anonymous identity', async () => {
    const first = await resolve({ kind: 'meeting', meetingId: series.meetingId, passcode: 'Abend-Stern4' });
    const second = await resolve({ kind: 'meeting', meetingId: open.meetingId });
    expect(first).toMatchObject({ role: 'participant', meetingKey: series.nextOccurrence!.id });
    expect(second.meetingKey).toBe(open.nextOccurrence!.id);
    expect(first.identityKey).toMatch(/^anonymous:/);
    expect(second.identityKey).not.toBe(first.identityKey);
  });

  it('lets only hosts of the meeting (or its organisation, or admins) in with the host credential', async () => {
    const credential = { kind: 'host', meetingId: series.meetingId } as const;
    expect(await resolve(credential, asUser(w.host))).toMatchObject({
      role: 'host',
      displayName: 'Hanna Host',
    });
    expect(await resolve(credential, asUser(w.admin))).toMatchObject({ role: 'host' });
    const colleague = await createUser(t.database.db, {
      name: 'Kai Kollege',
      organisationIds: [w.organisation.id],
    });
    expect(await resolve(credential, asUser(colleague))).toMatchObject({ role: 'host' });
    expect(await errorOf(resolve(credential, asUser(w.otherHost)))).toBe('not_found');
    expect(await errorOf(resolve(credential, { source: '203.0.113.3' }))).toBe('forbidden');
  });

  it('knows callers by meeting ID and personal PIN, and only where dial-in is allowed', async () => {
    // Without dial-in numbers configured the mails carry no PIN; it is in the database all the same.
    const pinOf = async (email: string) =>
      (
        await t.database.db
          .selectFrom('meeting_invitations')
          .select('pin')
          .where('email', '=', email)
          .executeTakeFirstOrThrow()
      ).pin;
    const annaPin = await pinOf('anna@example.org');
    const berndPin = await pinOf('bernd@example.org');
    const phone = await t.meetings.entryResolver.resolvePhone(series.meetingId, annaPin);
    expect(phone).toMatchObject({
      entry: { role: 'participant', displayName: 'Anna A.', meetingKey: series.nextOccurrence!.id },
    });
    // The same person as with the link: a second way in is the same seat, not a second one.
    const byLink = await resolve({ kind: 'invitation', token: await tokenOf('anna@example.org') });
    expect('entry' in phone && phone.entry.identityKey).toBe(byLink.identityKey);
    // Revoked (earlier test), wrong, or another meeting's PIN: all the same answer.
    for (const [meetingId, pin] of [
      [series.meetingId, berndPin],
      [series.meetingId, annaPin === '000000' ? '000001' : '000000'],
      [open.meetingId, annaPin],
      ['12', annaPin],
    ] as const) {
      expect(await t.meetings.entryResolver.resolvePhone(meetingId, pin)).toEqual({ failure: 'unknown' });
    }
    await w.hostClient.patch(`/api/meetings/${series.id}`, { settings: { e2ee: true } });
    expect(await t.meetings.entryResolver.resolvePhone(series.meetingId, annaPin)).toEqual({
      failure: 'e2ee',
    });
    await w.hostClient.patch(`/api/meetings/${series.id}`, { settings: { e2ee: false, dialIn: false } });
    expect(await t.meetings.entryResolver.resolvePhone(series.meetingId, annaPin)).toEqual({
      failure: 'unknown',
    });
    await w.hostClient.patch(`/api/meetings/${series.id}`, { settings: { dialIn: true } });
  });

  it('closes the door once the meeting is cancelled', async () => {
    const token = await tokenOf('anna@example.org');
    const cancelled = await w.hostClient.post(`/api/meetings/${open.id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(await errorOf(resolve({ kind: 'meeting', meetingId: open.meetingId }))).toBe('not_found');
    expect(await errorOf(resolve({ kind: 'host', meetingId: open.meetingId }, asUser(w.host)))).toBe(
      'not_found',
    );
    // The series is untouched.
    expect((await resolve({ kind: 'invitation', token })).role).toBe('participant');
  });
});
