import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOrganisation, createUser, lastMailTo, type CreatedUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';

const hour = 60 * 60 * 1000;

describe('login, sessions and CSRF', () => {
  let t: TestApp;
  let host: CreatedUser;
  let admin: CreatedUser;
  let organisation: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp();
    organisation = await createOrganisation(t.database.db, { name: 'Trauercafé Mitte' });
    host = await createUser(t.database.db, { organisationIds: [organisation.id] });
    admin = await createUser(t.database.db, { role: 'platform_admin' });
  });
  afterAll(() => t.close());
  // Every test starts with fresh throttles' worth of time.
  beforeEach(() => t.clock.advance(24 * hour));

  it('logs in with an HttpOnly, SameSite=Strict cookie and answers /me with roles, organisations and a CSRF token', async () => {
    const client = t.client();
    const response = await client.post('/api/auth/login', {
      email: `  ${host.email.toUpperCase()} `,
      password: host.password,
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies[0]!;
    expect(cookie).toMatchObject({ name: 'tp_session', httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeFalsy();
    client.csrfToken = response.json<{ csrfToken: string }>().csrfToken;

    const me = await client.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      user: {
        id: host.id,
        name: host.name,
        email: host.email,
        language: 'de',
        role: 'host',
        totpEnabled: false,
      },
      roles: ['host'],
      organisations: [organisation],
      csrfToken: client.csrfToken,
      totpEnrolmentRequired: false,
    });

    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    expect(client.cookie).toBeUndefined();
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('answers an unknown email, a wrong password and an inactive account alike', async () => {
    const invited = await createUser(t.database.db, {
      status: 'invited',
      organisationIds: [organisation.id],
    });
    const deactivated = await createUser(t.database.db, {
      status: 'deactivated',
      organisationIds: [organisation.id],
    });
    const attempts = [
      { email: 'nobody@example.org', password: 'whatever-it-is' },
      { email: host.email, password: 'wrong password' },
      { email: invited.email, password: invited.password },
      { email: deactivated.email, password: deactivated.password },
    ];
    const answers = [];
    for (const attempt of attempts) {
      const response = await t.client().post('/api/auth/login', attempt);
      const { requestId, ...rest } = response.json<{ requestId: string }>();
      expect(requestId).toBeTruthy();
      answers.push({ status: response.statusCode, body: rest, cookies: response.cookies.length });
    }
    expect(answers[0]).toEqual({
      status: 401,
      body: { error: 'invalid_credentials', message: 'The email address or password is not correct.' },
      cookies: 0,
    });
    for (const answer of answers) {
      expect(answer).toEqual(answers[0]);
    }
  });

  it('throttles repeated wrong passwords per account with 429 and Retry-After, known account or not', async () => {
    for (const email of [host.email, 'ghost@example.org']) {
      const client = t.client();
      for (let i = 0; i < 5; i += 1) {
        expect((await client.post('/api/auth/login', { email, password: `wrong ${i}` })).statusCode).toBe(
          401,
        );
      }
      const limited = await client.post('/api/auth/login', { email, password: 'wrong again' });
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ error: 'rate_limited' });
      expect(limited.json<{ message: string }>().message).toMatch(/wait/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Even the right password waits; after the pause it works.
    expect(
      (await t.client().post('/api/auth/login', { email: host.email, password: host.password })).statusCode,
    ).toBe(429);
    t.clock.advance(61_000);
    await t.client().login(host.email, host.password);
  });

  it('throttles one source trying many accounts', async () => {
    const client = t.client();
    client.remoteAddress = '198.51.100.77';
    const statuses = [];
    for (let i = 0; i < 21; i += 1) {
      statuses.push(
        (await client.post('/api/auth/login', { email: `probe${i}@example.org`, password: 'x' })).statusCode,
      );
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('refuses state-changing requests without the CSRF token or from another origin', async () => {
    const client = t.client();
    await client.login(host.email, host.password);
    const missing = await client.post(
      '/api/profile/password',
      { currentPassword: host.password, newPassword: 'a new password 1' },
      { csrf: false },
    );
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ error: 'csrf_failed' });
    const wrong = await client.post(
      '/api/auth/logout-all',
      {},
      { headers: { 'x-csrf-token': 'x'.repeat(43) } },
    );
    expect(wrong.statusCode).toBe(403);
    expect((await client.post('/api/auth/logout', {}, { csrf: false })).statusCode).toBe(403);

    client.origin = 'https://evil.example';
    const crossSite = await client.patch('/api/profile', { name: 'Mallory' });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json()).toMatchObject({ error: 'forbidden_origin' });
    client.origin = null;
    expect((await client.patch('/api/profile', { name: 'Mallory' })).statusCode).toBe(403);
    const loginCsrf = await client.post('/api/auth/login', { email: host.email, password: host.password });
    expect(loginCsrf.statusCode).toBe(403);

    client.origin = 'http://localhost:8080';
    expect((await client.get('/api/auth/me')).json()).toMatchObject({ user: { name: host.name } });
  });

  it('ends a session after 8 idle hours and 7 days after login however busy', async () => {
    const idle = t.client();
    await idle.login(host.email, host.password);
    t.clock.advance(7 * hour);
    expect((await idle.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(8 * hour);
    expect((await idle.get('/api/auth/me')).statusCode).toBe(401);

    const busy = t.client();
    await busy.login(host.email, host.password);
    for (let elapsed = 0; elapsed < 7 * 24 * hour - 6 * hour; elapsed += 6 * hour) {
      t.clock.advance(6 * hour);
      expect((await busy.get('/api/auth/me')).statusCode).toBe(200);
    }
    t.clock.advance(6 * hour);
    expect((await busy.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('logs out everywhere', async () => {
    const laptop = t.client();
    const phone = t.client();
    await laptop.login(host.email, host.password);
    await phone.login(host.email, host.password);
    expect((await phone.post('/api/auth/logout-all')).statusCode).toBe(204);
    expect((await laptop.get('/api/auth/me')).statusCode).toBe(401);
    expect((await phone.get('/api/auth/me')).statusCode).toBe(401);
  });

  it("ends a deactivated host's open session on its next request", async () => {
    const target = await createUser(t.database.db, { organisationIds: [organisation.id] });
    const hostClient = t.client();
    await hostClient.login(target.email, target.password);
    const adminClient = t.client();
    await adminClient.login(admin.email, admin.password);
    expect((await adminClient.post(`/api/admin/hosts/${target.id}/deactivate`)).json()).toMatchObject({
      status: 'deactivated',
    });
    const next = await hostClient.get(`/api/organisations/${organisation.id}`);
    expect(next.statusCode).toBe(401);
    expect(next.json()).toMatchObject({ error: 'unauthorized' });
    expect(
      (await t.client().post('/api/auth/login', { email: target.email, password: target.password }))
        .statusCode,
    ).toBe(401);
  });

  it('changes the password: checks the current one, ends other sessions, sends a notice', async () => {
    const user = await createUser(t.database.db, { organisationIds: [organisation.id] });
    const current = t.client();
    const other = t.client();
    await current.login(user.email, user.password);
    await other.login(user.email, user.password);
    const wrong = await current.post('/api/profile/password', {
      currentPassword: 'not it',
      newPassword: 'ein neues Passwort',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: 'invalid_password' });
    const short = await current.post('/api/profile/password', {
      currentPassword: user.password,
      newPassword: 'short',
    });
    expect(short.json()).toMatchObject({ error: 'validation_failed' });
    expect(
      (
        await current.post('/api/profile/password', {
          currentPassword: user.password,
          newPassword: 'ein neues Passwort',
        })
      ).statusCode,
    ).toBe(204);
    expect((await current.get('/api/auth/me')).statusCode).toBe(200);
    expect((await other.get('/api/auth/me')).statusCode).toBe(401);
    expect((await lastMailTo(t.database.db, user.email))?.template).toBe('password_changed');
    await t.client().login(user.email, 'ein neues Passwort');
  });

  it('updates name and language', async () => {
    const user = await createUser(t.database.db, { organisationIds: [organisation.id] });
    const client = t.client();
    await client.login(user.email, user.password);
    const response = await client.patch('/api/profile', { name: '  Anna Beispiel ', language: 'en' });
    expect(response.json()).toMatchObject({ user: { name: 'Anna Beispiel', language: 'en' } });
    expect((await client.patch('/api/profile', { language: 'fr' })).statusCode).toBe(400);
  });
});
