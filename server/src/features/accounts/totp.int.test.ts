import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';

describe('second factor', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const codeAt = (secret: string, offsetSeconds = 0) =>
    generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) + offsetSeconds });

  it('enrols TOTP, then requires a code (or a single-use recovery code) to log in', async () => {
    const user = await createUser(t.database.db, { role: 'platform_admin' });
    const client = t.client();
    await client.login(user.email, user.password);
    expect((await client.post('/api/profile/totp/enrol', { password: 'not mine' })).statusCode).toBe(401);
    const enrol = await client.post('/api/profile/totp/enrol', { password: user.password });
    const { secret, otpauthUri } = enrol.json<{ secret: string; otpauthUri: string }>();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect((await client.post('/api/profile/totp/confirm', { code: '000000' })).statusCode).toBe(401);
    const confirmed = await client.post('/api/profile/totp/confirm', { code: await codeAt(secret) });
    const { recoveryCodes } = confirmed.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);
    // A copy of the database alone does not give the seed away: it is stored sealed.
    const stored = await t.database.db
      .selectFrom('users')
      .select('totp_secret')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.totp_secret).toMatch(/^v1\./);
    expect(stored.totp_secret).not.toContain(secret);

    // A stolen session cannot silently replace the second factor.
    const replace = await client.post('/api/profile/totp/enrol', { password: user.password });
    expect(replace.json()).toMatchObject({ error: 'totp_already_enabled' });

    const needsCode = await t
      .client()
      .post('/api/auth/login', { email: user.email, password: user.password });
    expect(needsCode.statusCode).toBe(401);
    expect(needsCode.json()).toMatchObject({ error: 'second_factor_required' });
    expect(needsCode.cookies).toHaveLength(0);
    const wrongCode = await t
      .client()
      .post('/api/auth/login', { email: user.email, password: user.password, totpCode: '123456' });
    expect(wrongCode.json()).toMatchObject({ error: 'invalid_second_factor' });

    t.clock.advance(60_000);
    const code = await codeAt(secret);
    await t.client().login(user.email, user.password, { totpCode: code });
    // The same code cannot be replayed.
    const replay = await t
      .client()
      .post('/api/auth/login', { email: user.email, password: user.password, totpCode: code });
    expect(replay.json()).toMatchObject({ error: 'invalid_second_factor' });

    const recovery = recoveryCodes[0]!;
    await t.client().login(user.email, user.password, { recoveryCode: recovery.toLowerCase() });
    const reused = await t
      .client()
      .post('/api/auth/login', { email: user.email, password: user.password, recoveryCode: recovery });
    expect(reused.json()).toMatchObject({ error: 'invalid_second_factor' });

    t.clock.advance(60_000);
    const disabled = await client.post('/api/profile/totp/disable', {
      password: user.password,
      totpCode: await codeAt(secret),
    });
    expect(disabled.statusCode).toBe(204);
    t.clock.advance(61_000);
    await t.client().login(user.email, user.password);
  });

  it('keeps platform admins out of the admin API until they enrol, when settings require it', async () => {
    const boss = await createUser(t.database.db, { role: 'platform_admin' });
    const client = t.client();
    await client.login(boss.email, boss.password);
    expect((await client.put('/api/admin/settings', { requireAdminTotp: true })).statusCode).toBe(200);
    const refused = await client.get('/api/admin/organisations');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'totp_enrolment_required' });
    expect((await client.get('/api/auth/me')).json()).toMatchObject({ totpEnrolmentRequired: true });

    const { secret } = (await client.post('/api/profile/totp/enrol', { password: boss.password })).json<{
      secret: string;
    }>();
    await client.post('/api/profile/totp/confirm', { code: await codeAt(secret) });
    expect((await client.get('/api/admin/organisations')).statusCode).toBe(200);
    t.clock.advance(60_000);
    const keep = await client.post('/api/profile/totp/disable', {
      password: boss.password,
      totpCode: await codeAt(secret),
    });
    expect(keep.json()).toMatchObject({ error: 'totp_required_by_policy' });
    expect((await client.put('/api/admin/settings', { requireAdminTotp: false })).statusCode).toBe(200);
  });

  it('lets a platform admin switch off the second factor of someone who lost phone and codes', async () => {
    const admin = await createUser(t.database.db, { role: 'platform_admin' });
    const host = await createUser(t.database.db, { role: 'platform_admin' });
    const hostClient = t.client();
    await hostClient.login(host.email, host.password);
    const { secret } = (await hostClient.post('/api/profile/totp/enrol', { password: host.password })).json<{
      secret: string;
    }>();
    await hostClient.post('/api/profile/totp/confirm', { code: await codeAt(secret) });

    const adminClient = t.client();
    await adminClient.login(admin.email, admin.password);
    const reset = await adminClient.post(`/api/admin/hosts/${host.id}/reset-totp`);
    expect(reset.json()).toMatchObject({ totpEnabled: false });
    expect((await hostClient.get('/api/auth/me')).statusCode).toBe(401);
    await t.client().login(host.email, host.password);
    expect((await adminClient.post(`/api/admin/hosts/${host.id}/reset-totp`)).json()).toMatchObject({
      error: 'totp_not_enabled',
    });
    const log = await adminClient.get(`/api/admin/audit?action=host.totp_reset&actorId=${admin.id}`);
    expect(log.json()).toMatchObject({ total: 1 });
  });
});
