import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisationsRepo } from '../organisations/organisations-repo.js';
import { createAuditRepo } from '../audit/audit-repo.js';
import { createAuditService } from '../audit/audit-service.js';
import { createOrganisation, createUser, lastMailTo, type CreatedUser } from '../../test/factories.js';
import { createTestApp, testBaseUrl, type TestApp, type TestClient } from '../../test/test-app.js';
import { createUsersRepo } from './accounts-repo.js';
import { defaultLinkLifetimes } from './auth-service.js';
import { createBootstrapService } from './bootstrap-service.js';
import { createPasswordHasher } from './password-hasher.js';
import { createTokensRepo } from './tokens-repo.js';

const minute = 60 * 1000;
const hour = 60 * minute;

describe('one-time links: set-up, password reset, email change', () => {
  let t: TestApp;
  let admin: CreatedUser;
  let adminClient: TestClient;
  let organisationId: string;

  beforeAll(async () => {
    t = await createTestApp();
    organisationId = (await createOrganisation(t.database.db)).id;
    admin = await createUser(t.database.db, { role: 'platform_admin' });
    adminClient = t.client();
  });
  afterAll(() => t.close());

  async function invite(email: string) {
    // Tests move the clock by days; a fresh admin session each time.
    await adminClient.login(admin.email, admin.password);
    const response = await adminClient.post('/api/admin/hosts', {
      email,
      name: 'Bea Beispiel',
      organisationIds: [organisationId],
    });
    expect(response.statusCode).toBe(201);
    const mail = await lastMailTo(t.database.db, email);
    expect(mail?.template).toBe('account_setup');
    expect(mail?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mail?.text).toContain(`${testBaseUrl}/account/setup#token=`);
    return mail!.token!;
  }

  it('an invitation link sets the password once, and never again', async () => {
    const token = await invite('bea@example.org');
    const setup = await t.client().post('/api/auth/setup', { token, password: 'Sonnenblumen im Mai' });
    expect(setup.statusCode).toBe(200);
    expect(setup.json()).toEqual({ email: 'bea@example.org' });
    await t.client().login('bea@example.org', 'Sonnenblumen im Mai');

    const again = await t.client().post('/api/auth/setup', { token, password: 'ein anderes Passwort' });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ error: 'invalid_link' });
    await t.client().login('bea@example.org', 'Sonnenblumen im Mai');
  });

  it('an invitation link expires after 72 hours', async () => {
    const token = await invite('carla@example.org');
    t.clock.advance(72 * hour + 1);
    const late = await t.client().post('/api/auth/setup', { token, password: 'Sonnenblumen im Mai' });
    expect(late.json()).toMatchObject({ error: 'invalid_link' });
  });

  it('a password that contains the email address is refused without using up the link', async () => {
    const token = await invite('dora.dorn@example.org');
    const weak = await t.client().post('/api/auth/setup', { token, password: 'dora.dorn@example.org1' });
    expect(weak.json()).toMatchObject({ error: 'password_contains_email' });
    expect(
      (await t.client().post('/api/auth/setup', { token, password: 'Regenbogen über Berlin' })).statusCode,
    ).toBe(200);
  });

  it('a reset link works once, ends all sessions, and not after an hour', async () => {
    const user = await createUser(t.database.db, { organisationIds: [organisationId] });
    const session = t.client();
    await session.login(user.email, user.password);

    const known = await t.client().post('/api/auth/password-reset/request', { email: user.email });
    const unknown = await t
      .client()
      .post('/api/auth/password-reset/request', { email: 'nobody@example.org' });
    expect([known.statusCode, known.body]).toEqual([202, '']);
    expect([unknown.statusCode, unknown.body]).toEqual([202, '']);
    expect(await lastMailTo(t.database.db, 'nobody@example.org')).toBeUndefined();
    const mail = await lastMailTo(t.database.db, user.email);
    expect(mail).toMatchObject({ template: 'password_reset' });
    expect(mail?.text).toContain('60 Minuten');

    const confirm = await t
      .client()
      .post('/api/auth/password-reset/confirm', { token: mail!.token, password: 'Herbstlaub im Park' });
    expect(confirm.statusCode).toBe(200);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    await t.client().login(user.email, 'Herbstlaub im Park');
    expect((await lastMailTo(t.database.db, user.email))?.template).toBe('password_changed');
    const twice = await t
      .client()
      .post('/api/auth/password-reset/confirm', { token: mail!.token, password: 'noch ein Passwort' });
    expect(twice.json()).toMatchObject({ error: 'invalid_link' });

    await t.client().post('/api/auth/password-reset/request', { email: user.email });
    const expiring = await lastMailTo(t.database.db, user.email);
    t.clock.advance(hour + 1);
    const expired = await t
      .client()
      .post('/api/auth/password-reset/confirm', { token: expiring!.token, password: 'zu spät gekommen' });
    expect(expired.json()).toMatchObject({ error: 'invalid_link' });
    await t.client().login(user.email, 'Herbstlaub im Park');
  });

  it('a newer reset link replaces the older one', async () => {
    const user = await createUser(t.database.db, { organisationIds: [organisationId] });
    await t.client().post('/api/auth/password-reset/request', { email: user.email });
    const first = await lastMailTo(t.database.db, user.email);
    await t.client().post('/api/auth/password-reset/request', { email: user.email });
    const second = await lastMailTo(t.database.db, user.email);
    expect(second!.token).not.toBe(first!.token);
    expect(
      (
        await t
          .client()
          .post('/api/auth/password-reset/confirm', { token: first!.token, password: 'altes Link-Passwort' })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await t
          .client()
          .post('/api/auth/password-reset/confirm', { token: second!.token, password: 'neues Link-Passwort' })
      ).statusCode,
    ).toBe(200);
  });

  it('changes the email address only after confirmation from the new address', async () => {
    const user = await createUser(t.database.db, { organisationIds: [organisationId] });
    const client = t.client();
    await client.login(user.email, user.password);
    const request = await client.post('/api/profile/email', {
      newEmail: ' Neu@Example.org ',
      password: user.password,
    });
    expect(request.statusCode).toBe(202);
    expect((await lastMailTo(t.database.db, user.email))?.template).toBe('email_change_notice');
    const confirmMail = await lastMailTo(t.database.db, 'neu@example.org');
    expect(confirmMail).toMatchObject({ template: 'email_change_confirm' });
    expect((await client.get('/api/auth/me')).json()).toMatchObject({ user: { email: user.email } });

    expect(
      (await t.client().post('/api/auth/email-change/confirm', { token: confirmMail!.token })).statusCode,
    ).toBe(204);
    expect((await client.get('/api/auth/me')).json()).toMatchObject({ user: { email: 'neu@example.org' } });
    await t.client().login('neu@example.org', user.password);
    expect(
      (await t.client().post('/api/auth/email-change/confirm', { token: confirmMail!.token })).statusCode,
    ).toBe(400);

    // An address that is taken gets the same answer and no mail.
    const taken = await client.post('/api/profile/email', { newEmail: admin.email, password: user.password });
    expect(taken.statusCode).toBe(202);
    expect((await lastMailTo(t.database.db, admin.email))?.template).not.toBe('email_change_confirm');
  });

  it('the admin CLI prints a set-up link for a new platform admin', async () => {
    const db = t.database.db;
    const bootstrap = createBootstrapService({
      db,
      users: createUsersRepo(db),
      tokens: createTokensRepo(db),
      organisations: createOrganisationsRepo(db),
      passwords: createPasswordHasher(),
      audit: createAuditService({ repo: createAuditRepo(db), now: t.clock.now }),
      baseUrl: testBaseUrl,
      now: t.clock.now,
      links: defaultLinkLifetimes,
    });
    const first = await bootstrap.createAdminWithLink({ email: 'chefin@example.org', name: 'Chefin' });
    const { link } = await bootstrap.createAdminWithLink({ email: 'chefin@example.org', name: 'Chefin' });
    expect(link).toMatch(/^http:\/\/localhost:8080\/account\/setup#token=/);
    const token = (token: string) => token.split('#token=')[1];
    expect(
      (
        await t
          .client()
          .post('/api/auth/setup', { token: token(first.link), password: 'erster Link zählt nicht' })
      ).statusCode,
    ).toBe(400);
    expect(
      (await t.client().post('/api/auth/setup', { token: token(link), password: 'Verwaltung mit Herz' }))
        .statusCode,
    ).toBe(200);
    const client = t.client();
    await client.login('chefin@example.org', 'Verwaltung mit Herz');
    expect((await client.get('/api/admin/organisations')).statusCode).toBe(200);
    await expect(
      bootstrap.createAdminWithLink({ email: 'chefin@example.org', name: 'Chefin' }),
    ).rejects.toMatchObject({ code: 'email_taken' });
  });
});
