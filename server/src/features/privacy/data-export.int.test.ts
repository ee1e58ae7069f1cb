import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { meetingWorld, singleMeeting, type MeetingWorld } from '../meetings/test/meetings-helpers.js';
import type { AccountDataExport } from './data-export.js';

describe('a host downloads their own data (GDPR Art. 15/20)', () => {
  let t: TestApp;
  let w: MeetingWorld;

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t);
    await w.hostClient.post(
      '/api/meetings',
      singleMeeting(w.organisation.id, { title: 'Angehörigen-Runde' }),
    );
    await w.otherHostClient.post(
      '/api/meetings',
      singleMeeting(w.otherOrganisation.id, { title: 'Fremdes Treffen' }),
    );
  });
  afterAll(() => t.close());

  it('gets account, groups, sessions, meetings and activity as a JSON file, without secrets', async () => {
    const response = await w.hostClient.get('/api/profile/export');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('attachment');
    expect(response.headers['cache-control']).toBe('no-store');
    const data = response.json<AccountDataExport>();
    expect(data).toMatchObject({
      format: 'treffpunkt.account-export.v1',
      account: { name: 'Hanna Host', email: w.host.email, role: 'host', secondFactor: false },
      organisations: [{ name: 'Angehörige Demenz' }],
      meetings: [{ title: 'Angehörigen-Runde', role: 'host', status: 'active' }],
    });
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(data.activity.map((a) => a.action)).toContain('meeting.created');
    expect(response.body).not.toContain('$argon2');
    expect(response.body).not.toContain('Fremdes Treffen');
    expect(response.body).not.toContain(w.otherHost.email);
  });

  it('refuses without a login', async () => {
    const response = await t.client().get('/api/profile/export');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: 'unauthorized' });
  });
});
