import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createUser, lastMailTo } from '../../test/factories.js';
import { createTestApp, type TestApp, type TestClient } from '../../test/test-app.js';

describe('instance settings', () => {
  let t: TestApp;
  let adminClient: TestClient;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await createUser(t.database.db, { role: 'platform_admin' });
    adminClient = t.client();
    await adminClient.login(admin.email, admin.password);
  });
  afterAll(() => t.close());

  it('edits settings; the public part is readable by anyone and used in mail', async () => {
    const defaults = await adminClient.get('/api/admin/settings');
    expect(defaults.json()).toMatchObject({
      associationName: 'Treffpunkt',
      defaultLanguage: 'de',
      dialInNumbers: [],
      requireAdminTotp: false,
    });
    const update = await adminClient.put('/api/admin/settings', {
      associationName: 'SEKIS Berlin',
      privacyNotice: '# Datenschutz\n\nWir speichern wenig.',
      imprint: 'Impressum …',
      dialInNumbers: [{ label: 'Berlin', number: '+49 30 1234567' }],
      defaultLanguage: 'en',
    });
    expect(update.statusCode).toBe(200);
    expect(
      (await adminClient.put('/api/admin/settings', { associationName: 'Zeile\nZwei' })).statusCode,
    ).toBe(400);
    expect(
      (await adminClient.put('/api/admin/settings', { dialInNumbers: [{ label: 'X', number: 'call me' }] }))
        .statusCode,
    ).toBe(400);

    const anonymous = t.client();
    const publicSettings = await anonymous.get('/api/public/settings');
    expect(publicSettings.json()).toEqual({
      associationName: 'SEKIS Berlin',
      associationContact: '',
      privacyNotice: '# Datenschutz\n\nWir speichern wenig.',
      imprint: 'Impressum …',
      defaultLanguage: 'en',
    });

    const organisation = await createOrganisation(t.database.db);
    await adminClient.post('/api/admin/hosts', {
      email: 'english@example.org',
      name: 'Emma',
      organisationIds: [organisation.id],
    });
    const mail = await lastMailTo(t.database.db, 'english@example.org');
    expect(mail?.subject).toBe('Your Treffpunkt account at SEKIS Berlin');
    expect(mail?.text).toContain('Privacy notice: http://localhost:8080/privacy');
  });

  it('records which settings changed, not their values', async () => {
    const log = await adminClient.get('/api/admin/audit?action=settings');
    const [entry] = log.json<{ items: Array<{ action: string; details: { fields: string[] } }> }>().items;
    expect(entry?.action).toBe('settings.updated');
    expect(entry?.details.fields).toContain('associationName');
    expect(log.body).not.toContain('SEKIS');
  });
});
