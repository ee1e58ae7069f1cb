import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinTokenIn, mailsTo } from '../../test/factories.js';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app.js';
import {
  meetingWorld,
  singleMeeting,
  weeklySeries,
  type MeetingJson,
  type MeetingWorld,
} from '../meetings/test/meetings-helpers.js';
import { createGroupSpaceRepo } from './group-space-repo.js';
import type { GroupMessageView } from './group-space-service.js';

interface Page {
  title: string;
  messages: GroupMessageView[];
  hasOlder: boolean;
}

/** What a hostile sender tries; each must come back exactly as typed (the page shows it as text). */
const hostile = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '[klick](javascript:alert(1)) javascript:alert(1)',
  'file:///etc/passwd',
  '\\\\server\\share\\datei.exe',
  'Rechnung\u202Etxt.exe',
  'Zeile eins\nZeile zwei',
];

describe('the group space of a series', () => {
  let t: TestApp;
  let w: MeetingWorld;
  let series: MeetingJson;
  let anna: string;
  let bernd: string;
  let sources = 0;

  const invitee = (token: string): TestClient & { token: string } => {
    const client = t.client() as TestClient & { token: string };
    sources += 1;
    client.remoteAddress = `198.51.100.${sources}`;
    client.token = token;
    return client;
  };
  const asInvitee = (client: TestClient & { token: string }) => ({
    list: () =>
      client.request('GET', '/api/group/messages', undefined, {
        headers: { 'x-invitation-token': client.token },
      }),
    post: (body: unknown) =>
      client.request('POST', '/api/group/messages', body, {
        headers: { 'x-invitation-token': client.token },
      }),
  });
  const hostPath = () => `/api/meetings/${series.id}/group`;
  /** A new login: the tests below move the clock past the session lifetime. */
  const loggedIn = async (user: { email: string; password: string }) => {
    const client = t.client();
    await client.login(user.email, user.password);
    return client;
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t);
    series = (await w.hostClient.post('/api/series', weeklySeries(w.organisation.id))).json<MeetingJson>();
    await w.hostClient.post(`/api/meetings/${series.id}/invitations`, {
      invitees: [
        { email: 'anna@example.org', name: 'Anna A.' },
        { email: 'bernd@example.org', name: 'Bernd B.' },
      ],
    });
    anna = joinTokenIn((await mailsTo(t.database.db, 'anna@example.org'))[0]!.text)!;
    bernd = joinTokenIn((await mailsTo(t.database.db, 'bernd@example.org'))[0]!.text)!;
  });
  afterAll(() => t.close());

  it('lets an invitee post with the personal link and the host read and answer', async () => {
    const annaApi = asInvitee(invitee(anna));
    const posted = await annaApi.post({ clientId: 'anna-0001', text: 'Ich bringe Kuchen mit.' });
    expect(posted.statusCode).toBe(201);
    // A resend after a lost answer: the same message, not a second one.
    const again = await annaApi.post({ clientId: 'anna-0001', text: 'Ich bringe Kuchen mit.' });
    expect(again.statusCode).toBe(200);
    expect(again.json<GroupMessageView>().id).toBe(posted.json<GroupMessageView>().id);

    expect(
      (await w.hostClient.post(`${hostPath()}/messages`, { clientId: 'host-0001', text: 'Danke!' }))
        .statusCode,
    ).toBe(201);
    const seen = (await w.hostClient.get(`${hostPath()}/messages`)).json<Page>();
    expect(seen.title).toBe('Gesprächskreis');
    expect(seen.messages[0]?.authorInvitationId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await annaApi.list()).json<Page>().messages[0]?.authorInvitationId).toBeUndefined();
    expect(seen.messages.map((m) => [m.author.name, m.author.role, m.text, m.mine])).toEqual([
      ['Anna A.', 'invitee', 'Ich bringe Kuchen mit.', false],
      ['Hanna Host', 'host', 'Danke!', true],
    ]);
    // A host's writes need the session's CSRF token.
    expect(
      (
        await w.hostClient.post(
          `${hostPath()}/messages`,
          { clientId: 'host-0002', text: 'x' },
          { csrf: false },
        )
      ).json(),
    ).toMatchObject({ error: 'csrf_failed' });
    // Other organisations' hosts see nothing of it.
    expect((await w.otherHostClient.get(`${hostPath()}/messages`)).statusCode).toBe(404);
  });

  it('keeps hostile text exactly as typed, and refuses empty, oversized and control-character messages', async () => {
    const berndApi = asInvitee(invitee(bernd));
    for (const [index, text] of hostile.entries()) {
      expect((await berndApi.post({ clientId: `bernd-h${index}xx`, text })).statusCode).toBe(201);
    }
    const texts = (await berndApi.list()).json<Page>().messages.map((m) => m.text);
    for (const text of hostile) {
      expect(texts).toContain(text);
    }
    expect(
      (await berndApi.post({ clientId: 'bernd-crlf', text: 'a\r\nb' })).json<GroupMessageView>().text,
    ).toBe('a\nb');
    for (const text of ['   ', 'x'.repeat(10_000), 'bell\u0007']) {
      const refused = await berndApi.post({ clientId: `bernd-bad-${text.length}`, text });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ error: 'validation_failed' });
    }
  });

  it('lets the host remove a message and a person; a revoked invitation opens nothing', async () => {
    const berndApi = asInvitee(invitee(bernd));
    const mine = (
      await berndApi.post({ clientId: 'bernd-rm01', text: 'Bitte löschen' })
    ).json<GroupMessageView>();
    expect((await w.hostClient.request('DELETE', `${hostPath()}/messages/${mine.id}`)).statusCode).toBe(204);
    const after = (await berndApi.list()).json<Page>().messages.find((m) => m.id === mine.id);
    expect(after).toMatchObject({ removed: true, text: '' });

    const invitations = (await w.hostClient.get(`/api/meetings/${series.id}/invitations`)).json<{
      items: Array<{ id: string; email: string }>;
    }>().items;
    const berndId = invitations.find((i) => i.email === 'bernd@example.org')!.id;
    expect((await w.hostClient.put(`${hostPath()}/members/${berndId}`, { removed: true })).statusCode).toBe(
      204,
    );
    expect((await berndApi.list()).json()).toMatchObject({ error: 'removed_from_group' });
    expect((await berndApi.post({ clientId: 'bernd-rm02', text: 'Noch da?' })).json()).toMatchObject({
      error: 'removed_from_group',
    });
    const members = (await w.hostClient.get(`${hostPath()}/members`)).json<{
      items: Array<{ invitationId: string; name: string; removed: boolean }>;
    }>().items;
    expect(members.map((m) => [m.name, m.removed])).toEqual([
      ['Anna A.', false],
      ['Bernd B.', true],
    ]);
    await w.hostClient.put(`${hostPath()}/members/${berndId}`, { removed: false });
    expect((await berndApi.list()).statusCode).toBe(200);

    // An invitee cannot use host actions.
    const annaClient = invitee(anna);
    expect(
      (
        await annaClient.request('DELETE', `${hostPath()}/messages/${mine.id}`, undefined, {
          headers: { 'x-invitation-token': anna },
        })
      ).statusCode,
    ).toBe(401);

    const annaId = invitations.find((i) => i.email === 'anna@example.org')!.id;
    await w.hostClient.post(`/api/invitations/${annaId}/revoke`);
    expect((await asInvitee(invitee(anna)).list()).json()).toMatchObject({ error: 'invitation_invalid' });
  });

  it('exists only for series, and forgets messages after 30 days', async () => {
    const single = (
      await w.hostClient.post('/api/meetings', singleMeeting(w.organisation.id))
    ).json<MeetingJson>();
    expect((await w.hostClient.get(`/api/meetings/${single.id}/group/messages`)).json()).toMatchObject({
      error: 'group_space_not_found',
    });
    const repo = createGroupSpaceRepo(t.database.db);
    expect(await repo.deleteExpired(t.clock.now(), 30)).toBe(0);
    expect(await repo.deleteExpired(new Date(t.clock.now().getTime() + 31 * 86_400_000), 30)).toBeGreaterThan(
      0,
    );
    expect((await w.hostClient.get(`${hostPath()}/messages`)).json<Page>().messages).toEqual([]);
  });

  it("mails invitees one digest a day with the others' new messages, escaped, and stops on request", async () => {
    const carlaSeries = (
      await w.hostClient.post('/api/series', weeklySeries(w.organisation.id, { title: 'Digest <Runde>' }))
    ).json<MeetingJson>();
    await w.hostClient.post(`/api/meetings/${carlaSeries.id}/invitations`, {
      invitees: [{ email: 'carla@example.org', name: 'Carla C.' }],
    });
    const carla = invitee(joinTokenIn((await mailsTo(t.database.db, 'carla@example.org'))[0]!.text)!);
    const carlaApi = asInvitee(carla);
    await carlaApi.post({ clientId: 'carla-0001', text: 'Meine eigene Nachricht' });
    // Only her own message: nothing to tell her.
    await t.meetings.runGroupJobs();
    const digests = async () =>
      (await mailsTo(t.database.db, 'carla@example.org')).filter((m) => m.template === 'group_digest');
    expect(await digests()).toHaveLength(0);

    await w.hostClient.post(`/api/meetings/${carlaSeries.id}/group/messages`, {
      clientId: 'host-dig1',
      text: '<b>Neu:</b> Treffen im Park',
    });
    await t.meetings.runGroupJobs();
    await t.meetings.runGroupJobs();
    const [digest] = await digests();
    expect(await digests()).toHaveLength(1);
    expect(digest!.subject).toBe('Neue Nachrichten im Gruppenraum: Digest <Runde>');
    expect(digest!.text).toContain('<b>Neu:</b> Treffen im Park');
    expect(digest!.text).not.toContain('Meine eigene Nachricht');
    expect(digest!.html).toContain('&lt;b&gt;Neu:&lt;/b&gt;');
    expect(digest!.html).not.toMatch(/<img/i);
    // The host got one too, with Carla's message (not their own) and the address of the space.
    const hostDigests = (await mailsTo(t.database.db, w.host.email)).filter(
      (m) => m.template === 'group_digest' && m.subject.includes('Digest <Runde>'),
    );
    expect(hostDigests).toHaveLength(1);
    expect(hostDigests[0]!.text).toContain('Meine eigene Nachricht');
    expect(hostDigests[0]!.text).not.toContain('Treffen im Park');
    expect(hostDigests[0]!.text).toContain(`/treffen/${carlaSeries.id}/gruppe`);
    const hostToken = /#token=([A-Za-z0-9_-]+)/.exec(hostDigests[0]!.text)?.[1] ?? '';
    expect((await t.client().post('/api/group/digest/stop', { token: hostToken })).statusCode).toBe(204);
    expect((await w.hostClient.get(`/api/meetings/${carlaSeries.id}/group/messages`)).json()).toMatchObject({
      digest: false,
      digestDays: 1,
      retentionDays: 30,
    });
    await w.hostClient.put(`/api/meetings/${carlaSeries.id}/group/digest`, { enabled: true });
    expect((await w.hostClient.get(`/api/meetings/${carlaSeries.id}/group/messages`)).json()).toMatchObject({
      digest: true,
    });

    // A day later, new messages: one more digest; then the link in it switches them off.
    await w.hostClient.post(`/api/meetings/${carlaSeries.id}/group/messages`, {
      clientId: 'host-dig2',
      text: 'Noch was',
    });
    t.clock.advance(25 * 60 * 60 * 1000);
    await t.meetings.runGroupJobs();
    const second = (await digests())[1]!;
    const token = /#token=([A-Za-z0-9_-]+)/.exec(second.text)?.[1] ?? '';
    expect((await t.client().post('/api/group/digest/stop', { token })).statusCode).toBe(204);
    expect((await t.client().post('/api/group/digest/stop', { token: 'x'.repeat(43) })).statusCode).toBe(404);
    expect((await carlaApi.list()).json()).toMatchObject({ digest: false });
    await w.hostClient.post(`/api/meetings/${carlaSeries.id}/group/messages`, {
      clientId: 'host-dig3',
      text: 'Und noch',
    });
    t.clock.advance(25 * 60 * 60 * 1000);
    await t.meetings.runGroupJobs();
    expect(await digests()).toHaveLength(2);
  });

  it('limits how fast one person posts', async () => {
    const hostClient = await loggedIn(w.host);
    const doraSeries = (
      await hostClient.post('/api/series', weeklySeries(w.organisation.id, { title: 'Tempo' }))
    ).json<MeetingJson>();
    await hostClient.post(`/api/meetings/${doraSeries.id}/invitations`, {
      invitees: [{ email: 'dora@example.org', name: 'Dora D.' }],
    });
    const dora = asInvitee(
      invitee(joinTokenIn((await mailsTo(t.database.db, 'dora@example.org'))[0]!.text)!),
    );
    for (let index = 0; index < 10; index += 1) {
      expect(
        (await dora.post({ clientId: `dora-burst-${index}`, text: `Nachricht ${index}` })).statusCode,
      ).toBe(201);
    }
    const refused = await dora.post({ clientId: 'dora-burst-x', text: 'Zu schnell' });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(3_000);
    expect((await dora.post({ clientId: 'dora-burst-x', text: 'Zu schnell' })).statusCode).toBe(201);
    // The host's limit is their own.
    expect(
      (
        await hostClient.post(`/api/meetings/${doraSeries.id}/group/messages`, {
          clientId: 'host-tempo',
          text: 'Hallo',
        })
      ).statusCode,
    ).toBe(201);
  });

  it("deletes messages after the platform's chat retention period", async () => {
    const admin = await loggedIn(w.admin);
    expect((await admin.put('/api/admin/settings', { chatRetentionDays: 7 })).statusCode).toBe(200);
    const before = await loggedIn(w.host);
    await before.post(`${hostPath()}/messages`, { clientId: 'host-keep7', text: 'Eine Woche' });
    t.clock.advance(6 * 86_400_000);
    await t.meetings.runGroupJobs();
    const hostClient = await loggedIn(w.host);
    const kept = (await hostClient.get(`${hostPath()}/messages`)).json<Page>().messages.map((m) => m.text);
    expect(kept).toContain('Eine Woche');
    t.clock.advance(2 * 86_400_000);
    expect((await t.meetings.runGroupJobs()).deleted).toBeGreaterThan(0);
    expect((await (await loggedIn(w.host)).get(`${hostPath()}/messages`)).json<Page>()).toMatchObject({
      messages: [],
      retentionDays: 7,
    });
  });

  it('never logs message text, names or addresses', () => {
    const logged = t.logs.join('\n');
    for (const secret of ['Kuchen', '<script>', 'Anna A.', 'anna@example.org', 'Treffen im Park', anna]) {
      expect(logged).not.toContain(secret);
    }
  });
});
