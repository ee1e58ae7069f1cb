import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createUser, lastMailTo, type CreatedUser } from '../../test/factories.js';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app.js';

interface Organisation {
  id: string;
  name: string;
  contact: string;
  notes: string;
  status: string;
  hostCount: number;
}

describe('admin API and organisation boundaries', () => {
  let t: TestApp;
  let admin: CreatedUser;
  let adminClient: TestClient;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.database.db, { role: 'platform_admin', name: 'Petra Plattform' });
    adminClient = t.client();
    await adminClient.login(admin.email, admin.password);
  });
  afterAll(() => t.close());

  it('creates, lists, searches, edits, deactivates and reactivates organisations', async () => {
    const created = await adminClient.post('/api/admin/organisations', {
      name: '  Angehörige Sucht  ',
      contact: 'Tel. 030 123',
      notes: 'Kontakt über Frau M.',
    });
    expect(created.statusCode).toBe(201);
    const organisation = created.json<Organisation>();
    expect(organisation).toMatchObject({
      name: 'Angehörige Sucht',
      contact: 'Tel. 030 123',
      status: 'active',
      hostCount: 0,
    });
    for (const name of ['Angehörige Demenz', 'Diabetes Spandau', '100% Leben']) {
      await adminClient.post('/api/admin/organisations', { name });
    }

    const search = await adminClient.get('/api/admin/organisations?search=angeh&limit=1');
    expect(search.json()).toMatchObject({ total: 2, items: [{ name: 'Angehörige Demenz' }] });
    const page2 = await adminClient.get('/api/admin/organisations?search=angeh&limit=1&offset=1');
    expect(page2.json()).toMatchObject({ total: 2, items: [{ name: 'Angehörige Sucht' }] });
    expect((await adminClient.get('/api/admin/organisations?search=%25')).json()).toMatchObject({
      total: 1,
      items: [{ name: '100% Leben' }],
    });
    expect((await adminClient.get('/api/admin/organisations?limit=1000')).statusCode).toBe(400);

    const patched = await adminClient.patch(`/api/admin/organisations/${organisation.id}`, { notes: 'neu' });
    expect(patched.json()).toMatchObject({ name: 'Angehörige Sucht', notes: 'neu' });
    expect(
      (await adminClient.patch(`/api/admin/organisations/${organisation.id}`, { name: '' })).statusCode,
    ).toBe(400);
    expect(
      (await adminClient.patch(`/api/admin/organisations/${organisation.id}`, { name: 'x'.repeat(201) }))
        .statusCode,
    ).toBe(400);

    expect(
      (await adminClient.post(`/api/admin/organisations/${organisation.id}/deactivate`)).json(),
    ).toMatchObject({ status: 'deactivated' });
    expect(
      (await adminClient.post(`/api/admin/organisations/${organisation.id}/deactivate`)).statusCode,
    ).toBe(409);
    expect((await adminClient.get('/api/admin/organisations?status=deactivated')).json()).toMatchObject({
      total: 1,
    });
    expect(
      (await adminClient.post(`/api/admin/organisations/${organisation.id}/reactivate`)).json(),
    ).toMatchObject({ status: 'active' });
    expect(
      (await adminClient.get('/api/admin/organisations/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
  });

  it('shows a host only their own organisations: anything of another answers 404', async () => {
    const x = await createOrganisation(t.database.db, { name: 'Gruppe X' });
    const y = await createOrganisation(t.database.db, { name: 'Gruppe Y' });
    const hostX = await createUser(t.database.db, { organisationIds: [x.id] });
    const hostY = await createUser(t.database.db, { organisationIds: [y.id], name: 'Yvonne' });
    await t.database.db
      .updateTable('organisations')
      .set({ notes: 'intern' })
      .where('id', '=', x.id)
      .execute();
    const client = t.client();
    await client.login(hostX.email, hostX.password);

    expect((await client.get('/api/organisations')).json()).toEqual({ items: [x] });
    expect((await client.get(`/api/organisations/${x.id}`)).json()).toEqual({
      id: x.id,
      name: 'Gruppe X',
      contact: '',
    });
    for (const url of [`/api/organisations/${y.id}`, `/api/organisations/${y.id}/hosts`]) {
      const response = await client.get(url);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: 'organisation_not_found' });
    }
    const missing = await client.get('/api/organisations/00000000-0000-4000-8000-000000000000');
    expect(missing.json<{ error: string }>().error).toBe('organisation_not_found');
    expect((await client.get(`/api/organisations/${x.id}/hosts`)).json()).toEqual({
      items: [{ id: hostX.id, name: hostX.name }],
    });

    for (const [method, url] of [
      ['GET', `/api/admin/organisations/${y.id}`],
      ['PATCH', `/api/admin/organisations/${y.id}`],
      ['GET', `/api/admin/hosts/${hostY.id}`],
      ['POST', `/api/admin/hosts/${hostY.id}/deactivate`],
      ['GET', '/api/admin/audit'],
      ['GET', '/api/admin/outbox'],
      ['GET', '/api/admin/settings'],
    ] as const) {
      const response = await client.request(
        method,
        url,
        method === 'GET' ? undefined : { name: 'Übernahme' },
      );
      expect(response.statusCode, url).toBe(403);
    }

    await adminClient.post(`/api/admin/organisations/${x.id}/deactivate`);
    expect((await client.get(`/api/organisations/${x.id}`)).statusCode).toBe(404);
    expect((await client.get('/api/auth/me')).json()).toMatchObject({ organisations: [] });
  });

  it('invites hosts, assigns them to organisations, lists and searches them', async () => {
    const a = await createOrganisation(t.database.db, { name: 'Atemwege' });
    const b = await createOrganisation(t.database.db, { name: 'Borderline' });
    const invited = await adminClient.post('/api/admin/hosts', {
      email: 'Hanna.Host@Example.org',
      name: 'Hanna Host',
      organisationIds: [a.id],
    });
    expect(invited.statusCode).toBe(201);
    const hanna = invited.json<{ id: string }>();
    expect(invited.json()).toMatchObject({
      email: 'hanna.host@example.org',
      status: 'invited',
      role: 'host',
      organisations: [{ id: a.id, name: 'Atemwege' }],
    });
    expect(invited.json()).not.toHaveProperty('passwordHash');
    expect((await lastMailTo(t.database.db, 'hanna.host@example.org'))?.template).toBe('account_setup');

    expect(
      (
        await adminClient.post('/api/admin/hosts', {
          email: 'hanna.host@example.org',
          name: 'Zweite',
          organisationIds: [a.id],
        })
      ).json(),
    ).toMatchObject({ error: 'email_taken' });
    expect(
      (await adminClient.post('/api/admin/hosts', { email: 'ohne@example.org', name: 'Ohne Gruppe' })).json(),
    ).toMatchObject({ error: 'organisation_required' });
    const unknownOrg = await adminClient.post('/api/admin/hosts', {
      email: 'x@example.org',
      name: 'X',
      organisationIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknownOrg.json()).toMatchObject({ error: 'unknown_organisation' });

    const moved = await adminClient.patch(`/api/admin/hosts/${hanna.id}`, { organisationIds: [a.id, b.id] });
    expect(moved.json()).toMatchObject({ organisations: [{ name: 'Atemwege' }, { name: 'Borderline' }] });
    expect((await adminClient.get(`/api/admin/hosts?organisationId=${b.id}`)).json()).toMatchObject({
      total: 1,
      items: [{ id: hanna.id }],
    });
    expect((await adminClient.get('/api/admin/hosts?search=HANNA')).json()).toMatchObject({ total: 1 });
    expect(
      (await adminClient.get('/api/admin/hosts?status=invited&role=host')).json<{ total: number }>().total,
    ).toBeGreaterThanOrEqual(1);

    const resent = await adminClient.post(`/api/admin/hosts/${hanna.id}/password-reset`);
    expect(resent.statusCode).toBe(202);
    expect((await lastMailTo(t.database.db, 'hanna.host@example.org'))?.template).toBe('account_setup');
  });

  it('will not let an admin lock themselves out', async () => {
    expect((await adminClient.post(`/api/admin/hosts/${admin.id}/deactivate`)).json()).toMatchObject({
      error: 'cannot_change_own_status',
    });
    expect((await adminClient.patch(`/api/admin/hosts/${admin.id}`, { role: 'host' })).json()).toMatchObject({
      error: 'cannot_change_own_role',
    });
  });

  it('records who did what and when, with filters, and no personal data in the details', async () => {
    const organisation = await createOrganisation(t.database.db, { name: 'Audit-Gruppe' });
    await adminClient.patch(`/api/admin/organisations/${organisation.id}`, { contact: 'neu' });
    const log = await adminClient.get(`/api/admin/audit?organisationId=${organisation.id}`);
    expect(log.json()).toMatchObject({
      total: 1,
      items: [
        {
          actor: { id: admin.id, name: 'Petra Plattform' },
          actorRole: 'platform_admin',
          action: 'organisation.updated',
          organisation: { id: organisation.id, name: 'Audit-Gruppe' },
          target: { type: 'organisation', id: organisation.id },
          details: { fields: ['contact'] },
        },
      ],
    });
    expect(log.json<{ items: Array<{ at: string }> }>().items[0]?.at).toMatch(/^2030-/);
    const hostActions = await adminClient.get('/api/admin/audit?action=host&limit=200');
    const actions = hostActions.json<{ items: Array<{ action: string }> }>().items.map((item) => item.action);
    expect(actions).toContain('host.invited');
    expect(actions.every((action) => action.startsWith('host.'))).toBe(true);
    const mine = await adminClient.get(`/api/admin/audit?actorId=${admin.id}&action=auth.login`);
    expect(mine.json<{ total: number }>().total).toBeGreaterThanOrEqual(1);
    const future = await adminClient.get('/api/admin/audit?from=2031-01-01T00:00:00Z');
    expect(future.json()).toMatchObject({ total: 0, items: [] });

    const everything = (await adminClient.get('/api/admin/audit?limit=200')).body;
    expect(everything).not.toMatch(/@example\.org/);
    expect(everything).not.toMatch(/192\.0\.2\./);
  });

  it('lets platform admins read the development mailbox when no SMTP server is configured', async () => {
    const organisation = await createOrganisation(t.database.db);
    await adminClient.post('/api/admin/hosts', {
      email: 'postfach@example.org',
      name: 'Paula',
      organisationIds: [organisation.id],
    });
    const list = await adminClient.get('/api/admin/outbox?search=postfach');
    const [item] = list.json<{ items: Array<{ id: string; status: string; template: string }> }>().items;
    expect(item).toMatchObject({ status: 'pending', template: 'account_setup' });
    expect(list.body).not.toContain('#token=');
    const message = await adminClient.get(`/api/admin/outbox/${item!.id}`);
    expect(message.json<{ text: string }>().text).toContain('/account/setup#token=');
  });
});

describe('first start', () => {
  it('seeds one platform admin and a demo organisation, and only once', async () => {
    const first = await createTestApp({ env: { SEED_DEMO: 'true' } });
    try {
      const credentials = first.accounts.firstAdmin!;
      expect(credentials.email).toBe('admin@treffpunkt.local');
      expect(credentials.password).toMatch(/^[a-z2-9-]{23}$/);
      const client = first.client();
      await client.login(credentials.email, credentials.password);
      expect((await client.get('/api/admin/organisations')).json()).toMatchObject({
        total: 1,
        items: [{ name: 'Demo-Selbsthilfegruppe' }],
      });
      const stored = await first.database.db
        .selectFrom('users')
        .select('password_hash')
        .executeTakeFirstOrThrow();
      expect(stored.password_hash).toMatch(/^\$argon2id\$/);
      expect(stored.password_hash).not.toContain(credentials.password);

      const second = await createTestApp({ env: { SEED_DEMO: 'true' }, database: first.database });
      expect(second.accounts.firstAdmin).toBeUndefined();
      await second.close();
    } finally {
      await first.close();
    }
  });
});
