import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxRepo } from '../../mail/outbox-repo.js';
import { createOrganisation, createUser, lastMailTo } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createUsersRepo } from '../accounts/accounts-repo.js';
import { defaultSessionPolicy } from '../accounts/accounts-fns.js';
import { createSessionsRepo } from '../accounts/sessions-repo.js';
import { createTokensRepo } from '../accounts/tokens-repo.js';
import { createAuditRepo } from '../audit/audit-repo.js';
import { defaultRetentionPolicy, runRetention } from './retention-job.js';

const day = 24 * 60 * 60 * 1000;

describe('privacy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('never logs emails, IP addresses, names, passwords or tokens', async () => {
    const organisation = await createOrganisation(t.database.db);
    const admin = await createUser(t.database.db, {
      role: 'platform_admin',
      email: 'admin.log@example.org',
      name: 'Adelheid Admin',
    });
    const client = t.client();
    client.remoteAddress = '203.0.113.55';
    await client.login(admin.email, admin.password);
    await client.post('/api/admin/hosts', {
      email: 'log.test@example.org',
      name: 'Lotte Logtest',
      organisationIds: [organisation.id],
    });
    const setupToken = (await lastMailTo(t.database.db, 'log.test@example.org'))!.token!;
    await t.client().post('/api/auth/setup', { token: setupToken, password: 'geheimes Passwort 42' });
    await t
      .client()
      .post('/api/auth/login', { email: 'log.test@example.org', password: 'falsches Passwort' });
    await t.client().post('/api/auth/password-reset/request', { email: 'log.test@example.org' });
    await client.get(`/api/organisations/${organisation.id}?email=log.test@example.org`);
    await t.client().get('/api/auth/me');

    const logs = t.logs.join('');
    expect(logs).toContain('"url":"/api/auth/login"');
    const cookie = client.cookie!.split('=')[1]!;
    for (const secret of [
      'example.org',
      '203.0.113.55',
      '192.0.2.10',
      '127.0.0.1',
      'Lotte',
      'Adelheid',
      'geheimes Passwort',
      'falsches Passwort',
      admin.password,
      setupToken,
      cookie,
      client.csrfToken!,
    ]) {
      expect(logs, secret).not.toContain(secret);
    }
  });

  it('deletes what its retention rules say, and nothing younger', async () => {
    const db = t.database.db;
    const organisation = await createOrganisation(db);
    const keeper = await createUser(db, { organisationIds: [organisation.id] });
    const leaver = await createUser(db, { organisationIds: [organisation.id] });
    const client = t.client();
    await client.login(leaver.email, leaver.password);
    const admin = await createUser(db, { role: 'platform_admin' });
    const adminClient = t.client();
    await adminClient.login(admin.email, admin.password);
    await adminClient.post(`/api/admin/hosts/${leaver.id}/deactivate`);
    await adminClient.post('/api/admin/hosts', {
      email: 'never.came@example.org',
      name: 'Nie',
      organisationIds: [organisation.id],
    });
    await t.client().post('/api/auth/password-reset/request', { email: keeper.email });
    const stale = t.client();
    await stale.login(keeper.email, keeper.password);

    const now = () => t.clock.now();
    const deps = {
      users: createUsersRepo(db),
      sessions: createSessionsRepo(db),
      tokens: createTokensRepo(db),
      audit: createAuditRepo(db),
      outbox: createOutboxRepo(db),
      policy: { ...defaultRetentionPolicy, sessionIdleMs: defaultSessionPolicy.idleMs },
      now,
    };
    const count = async (table: 'sessions' | 'account_tokens' | 'audit_log' | 'mail_outbox' | 'users') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    expect(await runRetention(deps)).toEqual({
      sessions: 0,
      tokens: 0,
      accounts: 0,
      auditEntries: 0,
      mails: 0,
    });

    // After 9 hours: idle sessions and the 1-hour reset link are gone, the 72-hour invitation is not.
    t.clock.advance(9 * 60 * 60 * 1000);
    const hours = await runRetention(deps);
    expect(hours.sessions).toBeGreaterThanOrEqual(2);
    expect(hours.tokens).toBeGreaterThanOrEqual(1);
    expect(await count('sessions')).toBe(0);
    expect(await count('account_tokens')).toBeGreaterThanOrEqual(1);

    t.clock.advance(31 * day);
    const month = await runRetention(deps);
    expect(month.tokens).toBeGreaterThanOrEqual(1);
    expect(await count('account_tokens')).toBe(0);
    expect(month.mails).toBeGreaterThanOrEqual(2);
    expect(await count('mail_outbox')).toBe(0);
    expect(month.accounts).toBe(0);

    t.clock.advance(60 * day);
    const quarter = await runRetention(deps);
    expect(quarter.accounts).toBeGreaterThanOrEqual(2);
    const remaining = await db.selectFrom('users').select('email').execute();
    expect(remaining.map((user) => user.email)).toContain(keeper.email);
    expect(remaining.map((user) => user.email)).not.toContain(leaver.email);
    expect(remaining.map((user) => user.email)).not.toContain('never.came@example.org');
    expect(await count('audit_log')).toBeGreaterThan(0);

    t.clock.advance(366 * day);
    await runRetention(deps);
    expect(await count('audit_log')).toBe(0);
  });
});
