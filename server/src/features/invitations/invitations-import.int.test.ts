import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpTransport } from '../../mail/mail-transport.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import {
  meetingWorld,
  parseIcs,
  singleMeeting,
  type MeetingJson,
  type MeetingWorld,
} from '../meetings/test/meetings-helpers.js';
import { startSmtpReceiver, type SmtpReceiver } from '../meetings/test/smtp-receiver.js';

const hostileTitle = '<script>alert("x")</script> \u202Egnaltreff\u202C & "Freunde"';

describe('invitation lists and hostile input', () => {
  let smtp: SmtpReceiver;
  let t: TestApp;
  let w: MeetingWorld;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    t = await createTestApp({
      mailTransport: createSmtpTransport(smtp.url),
      outboxPolicy: { pollIntervalMs: 20 },
      env: { MAIL_FROM: 'Treffpunkt <treffpunkt@example.org>' },
    });
    w = await meetingWorld(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('reads a pasted list and a CSV export robustly, previewing first when asked', async () => {
    const meeting = (
      await w.hostClient.post('/api/meetings', singleMeeting(w.organisation.id))
    ).json<MeetingJson>();
    const pasted =
      'Anna Muster <anna.m@example.org>, bob@example.org; Carl <carl@example.org>\nBOB@example.org\nkein Eintrag';
    const preview = await w.hostClient.post(`/api/meetings/${meeting.id}/invitations/import`, {
      text: pasted,
      dryRun: true,
    });
    expect(preview.json()).toEqual({
      invitees: [
        { email: 'anna.m@example.org', name: 'Anna Muster' },
        { email: 'bob@example.org', name: '' },
        { email: 'carl@example.org', name: 'Carl' },
      ],
      rejected: [{ line: 3, text: 'kein Eintrag', reason: 'no_email' }],
      duplicates: 1,
    });
    expect((await w.hostClient.get(`/api/meetings/${meeting.id}/invitations`)).json()).toEqual({ items: [] });

    const csv =
      '\uFEFFVorname;Nachname;E-Mail;Sprache\r\nDora;Dietz;dora@example.org;englisch\r\n;;kaputt@;de\r\n';
    const imported = await w.hostClient.request(
      'POST',
      `/api/meetings/${meeting.id}/invitations/import?language=de`,
      csv,
      {
        headers: { 'content-type': 'text/csv' },
      },
    );
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({
      invited: [{ email: 'dora@example.org', name: 'Dora Dietz', language: 'en' }],
      rejected: [{ line: 3, reason: 'invalid_email' }],
    });
    await smtp.waitFor(1);

    const tooMany = Array.from({ length: 501 }, (_, i) => `p${i}@example.org`).join('\n');
    const refused = await w.hostClient.post(`/api/meetings/${meeting.id}/invitations/import`, {
      text: tooMany,
    });
    expect(refused.json()).toMatchObject({ error: 'too_many_invitees' });
    const noCsrf = await w.hostClient.request('POST', `/api/meetings/${meeting.id}/invitations/import`, csv, {
      headers: { 'content-type': 'text/csv' },
      csrf: false,
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('keeps CRLF, <script>, RTL overrides and 10,000 characters out of headers, HTML, ICS and JSON', async () => {
    const created = await w.hostClient.post(
      '/api/meetings',
      singleMeeting(w.organisation.id, {
        title: hostileTitle,
        description: 'Zeile 1\r\nZeile 2 <b>fett</b>',
      }),
    );
    expect(created.statusCode).toBe(201);
    const meeting = created.json<MeetingJson>();
    expect(meeting.title).toBe(hostileTitle);
    const csv = [
      'E-Mail,Name',
      '"eve@example.org","Eve\r\nBcc: all@example.org"',
      'mallory@example.org,<script>alert(1)</script>',
      `long@example.org,${'x'.repeat(10_000)}`,
      'rtl@example.org,\u202Emoc.live\u202C',
    ].join('\r\n');
    const before = smtp.received.length;
    const imported = await w.hostClient.post(`/api/meetings/${meeting.id}/invitations/import`, { text: csv });
    expect(imported.statusCode).toBe(201);
    const names = imported.json<{ invited: Array<{ name: string }> }>().invited.map((i) => i.name);
    expect(names).toEqual([
      'Eve Bcc: all@example.org',
      '<script>alert(1)</script>',
      'x'.repeat(200),
      '\u202Emoc.live\u202C',
    ]);
    expect(
      (
        await w.hostClient.post(`/api/meetings/${meeting.id}/invitations`, {
          invitees: [{ email: 'z@example.org', name: 'x'.repeat(10_000) }],
        })
      ).statusCode,
    ).toBe(400);

    const mails = (await smtp.waitFor(before + 4)).slice(before);
    for (const mail of mails) {
      const headerBlock = mail.raw.split(/\r\n\r\n/)[0]!;
      expect(headerBlock.split('\r\n').filter((line) => /^bcc:/i.test(line))).toEqual([]);
      expect(mail.headers.to).toBe(mail.to[0]);
      expect(mail.subject).not.toMatch(/[\r\n\u202A-\u202E\u2066-\u2069]/);
      expect(mail.subject).toContain('<script>alert("x")</script> gnaltreff & "Freunde"');
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(mail.html).toContain('Zeile 1<br>Zeile 2 &lt;b&gt;fett&lt;/b&gt;');
      expect(mail.text).not.toMatch(/[\u202A-\u202E]/);
      const ics = parseIcs(mail.attachments[0]!.content);
      expect(ics.events).toHaveLength(1);
      expect(ics.events[0]!.summary).toContain('<script>alert("x")</script>');
      expect(ics.events[0]!.attendee).toBe(`MAILTO:${mail.to[0] ?? ''}`);
      expect(ics.events[0]!.description).toContain('Zeile 1\nZeile 2');
    }
    const eve = mails.find((m) => m.to[0] === 'eve@example.org')!;
    expect(eve.text.split(/\r?\n/)[0]).toBe('Hallo Eve Bcc: all@example.org,');
    const list = await w.hostClient.get(`/api/meetings/${meeting.id}/invitations`);
    expect(list.headers['content-type']).toContain('application/json');
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(4);
  });
});
