import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpTransport } from '../../mail/mail-transport.js';
import { joinTokenIn, mailsTo } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import {
  meetingWorld,
  parseIcs,
  pinIn,
  singleMeeting,
  weeklySeries,
  type MeetingJson,
  type MeetingWorld,
} from '../meetings/test/meetings-helpers.js';
import { startSmtpReceiver, type ReceivedMail, type SmtpReceiver } from '../meetings/test/smtp-receiver.js';

const people = ['anna@example.org', 'ben@example.org', 'cem@example.org'];

describe('personal invitations through a real SMTP server', () => {
  let smtp: SmtpReceiver;
  let t: TestApp;
  let w: MeetingWorld;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    t = await createTestApp({
      mailTransport: createSmtpTransport(smtp.url),
      outboxPolicy: { pollIntervalMs: 20, baseDelayMs: 200, maxDelayMs: 2_000 },
      env: { MAIL_FROM: 'Treffpunkt <treffpunkt@example.org>' },
    });
    w = await meetingWorld(t);
    await w.adminClient.put('/api/admin/settings', {
      dialInNumbers: [{ label: 'Berlin', number: '+49 30 1234567' }],
      associationName: 'Selbsthilfe Berlin',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const joinWith = (token: string) => t.client().post('/api/join/invitation', { token });
  const newMailsTo = async (from: number, count: number): Promise<ReceivedMail[]> =>
    (await smtp.waitFor(from + count)).slice(from);

  it('sends each of three invitees a mail with a working personal link, PIN and .ics; updates and cancels', async () => {
    const meeting = (
      await w.hostClient.post('/api/meetings', singleMeeting(w.organisation.id))
    ).json<MeetingJson>();
    const invited = await w.hostClient.post(`/api/meetings/${meeting.id}/invitations`, {
      invitees: [
        { email: people[0], name: 'Anna' },
        { email: people[1], name: 'Ben', language: 'en', timeZone: 'Europe/London' },
        { email: people[2] },
      ],
    });
    expect(invited.statusCode).toBe(201);
    expect(invited.json<{ invited: unknown[] }>().invited).toHaveLength(3);
    expect(invited.body).not.toMatch(/"pin"/);

    const mails = await newMailsTo(0, 3);
    expect(mails.map((m) => m.to[0]).sort()).toEqual([...people].sort());
    const byPerson = new Map(mails.map((m) => [m.to[0], m]));
    const tokens = people.map((p) => joinTokenIn(byPerson.get(p)!.text));
    const pins = people.map((p) => pinIn(byPerson.get(p)!.text));
    expect(new Set(tokens).size).toBe(3);
    expect(new Set(pins).size).toBe(3);
    expect(pins.every((pin) => pin !== undefined && /^\d{6}$/.test(pin))).toBe(true);

    const anna = byPerson.get(people[0])!;
    expect(anna.subject).toBe('Einladung: Offenes Treffen – Dienstag, 12. März 2030, 19:00–20:00 Uhr');
    expect(anna.text).toContain('Hallo Anna,');
    expect(anna.text).toContain('Hanna Host lädt Sie zu einem Online-Treffen von Angehörige Demenz ein.');
    expect(anna.text).toContain('Berlin: +49 30 1234567');
    expect(anna.text).toContain(`Meeting-ID: ${meeting.meetingId.slice(0, 3)} `);
    expect(anna.text).toContain('http://localhost:8080/privacy');
    expect(anna.text).not.toContain(meeting.passcode ?? 'no passcode');
    expect(anna.html).not.toMatch(/<img|<script/i);
    const ben = byPerson.get(people[1])!;
    expect(ben.subject).toBe('Invitation: Offenes Treffen – Tuesday, 12 March 2030, 6:00 pm–7:00 pm');
    expect(ben.text).toContain('All times in the time zone Europe/London.');

    const annaIcs = anna.attachments.find((a) => a.filename.endsWith('.ics'))!;
    expect(annaIcs.contentType).toContain('method=REQUEST');
    const invitation = parseIcs(annaIcs.content);
    expect(invitation.method).toBe('REQUEST');
    expect(invitation.events[0]).toMatchObject({
      summary: 'Offenes Treffen',
      start: '2030-03-12T18:00:00.000Z',
      sequence: 0,
      attendee: `MAILTO:${people[0]}`,
    });
    expect(invitation.events[0]!.description).toContain(`/j/${tokens[0] ?? ''}`);

    for (const [index, token] of tokens.entries()) {
      const joined = await joinWith(token!);
      expect(joined.statusCode).toBe(200);
      expect(joined.json()).toMatchObject({
        via: 'invitation',
        passcodeRequired: false,
        meeting: { title: 'Offenes Treffen', organisation: 'Angehörige Demenz', hostName: 'Hanna Host' },
        occurrence: { start: '2030-03-12T18:00:00.000Z' },
        invitee: { name: ['Anna', 'Ben', ''][index] },
      });
    }
    const viaHeader = await t.client().request('GET', '/api/join/invitation', undefined, {
      headers: { 'x-invitation-token': tokens[0]! },
    });
    expect(viaHeader.statusCode).toBe(200);
    const viaQuery = await t.client().get(`/api/join/invitation?token=${tokens[0] ?? ''}`);
    expect(viaQuery.statusCode).toBe(400);
    // The outbox marks a mail sent right after the SMTP server's answer.
    const states = async () =>
      (await w.hostClient.get(`/api/meetings/${meeting.id}/invitations`))
        .json<{ items: Array<{ state: string }> }>()
        .items.map((i) => i.state);
    for (let i = 0; i < 100 && (await states()).some((state) => state !== 'sent'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await states()).toEqual(['sent', 'sent', 'sent']);

    // Changing the time: an update with a higher SEQUENCE and the same UID, and a fresh link that works too.
    await w.hostClient.patch(`/api/meetings/${meeting.id}`, { start: '2030-03-12T20:00' });
    const updates = await newMailsTo(3, 3);
    const annaUpdate = updates.find((m) => m.to[0] === people[0])!;
    expect(annaUpdate.subject).toBe('Geändert: Offenes Treffen');
    const updated = parseIcs(annaUpdate.attachments[0]!.content);
    expect(updated.events[0]).toMatchObject({
      uid: invitation.events[0]!.uid,
      start: '2030-03-12T19:00:00.000Z',
    });
    expect(updated.events[0]!.sequence).toBeGreaterThan(invitation.events[0]!.sequence);
    expect((await joinWith(joinTokenIn(annaUpdate.text)!)).statusCode).toBe(200);
    expect((await joinWith(tokens[0]!)).statusCode).toBe(200);

    // Unchanged fields and settings invitees never saw send nothing (counted below).
    await w.hostClient.patch(`/api/meetings/${meeting.id}`, {
      title: 'Offenes Treffen',
      start: '2030-03-12T20:00',
      settings: { waitingRoom: false },
    });

    // Cancelling: METHOD:CANCEL to everyone, and every link stops working.
    await w.hostClient.post(`/api/meetings/${meeting.id}/cancel`);
    const cancellations = await newMailsTo(6, 3);
    for (const mail of cancellations) {
      expect(mail.subject).toMatch(/^(Abgesagt|Cancelled): Offenes Treffen$/);
      const cancel = parseIcs(mail.attachments[0]!.content);
      expect(cancel.method).toBe('CANCEL');
      expect(cancel.events[0]!.sequence).toBeGreaterThan(updated.events[0]!.sequence);
    }
    expect(smtp.received).toHaveLength(9);
    const invalid = await joinWith(tokens[1]!);
    expect(invalid.statusCode).toBe(410);
    expect(invalid.json()).toMatchObject({ error: 'invitation_invalid' });
  });
});

// Without a mail server the outbox keeps every body, so tests can read links and PINs from it.
describe('invitations of a series: resend, revoke, decline', () => {
  let t: TestApp;
  let w: MeetingWorld;

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t);
  });
  afterAll(() => t.close());

  const joinWith = (token: string) => t.client().post('/api/join/invitation', { token });

  it('covers a whole series with one invitation; resend replaces the link; revoke and decline close it', async () => {
    const series = (
      await w.hostClient.post('/api/series', weeklySeries(w.organisation.id))
    ).json<MeetingJson>();
    const invited = await w.hostClient.post(`/api/meetings/${series.id}/invitations`, {
      invitees: [
        { email: 'dora@example.org', name: 'Dora' },
        { email: 'emil@example.org' },
        { email: 'fe@example.org' },
      ],
    });
    const [dora, emil, fe] = invited.json<{ invited: Array<{ id: string; email: string }> }>().invited;
    const doraMail = (await mailsTo(t.database.db, 'dora@example.org'))[0]!;
    expect(doraMail.attachments).toHaveLength(1);
    const ics = parseIcs(doraMail.attachments[0]!.content);
    expect(ics.events).toHaveLength(1);
    expect(ics.events[0]!.rrule).toContain('COUNT=6');
    expect(doraMail.text).toContain('Jeden Dienstag, 19:00 Uhr, 6 Termine (Europe/Berlin)');
    const doraPin = pinIn(doraMail.text);

    const again = await w.hostClient.post(`/api/meetings/${series.id}/invitations`, {
      invitees: [{ email: 'DORA@example.org' }],
    });
    expect(again.json()).toMatchObject({ invited: [], alreadyInvited: ['dora@example.org'] });

    const oldToken = joinTokenIn(doraMail.text)!;
    const resent = await w.hostClient.post(`/api/invitations/${dora!.id}/resend`);
    expect(resent.statusCode).toBe(200);
    const resentMail = (await mailsTo(t.database.db, 'dora@example.org')).at(-1)!;
    expect(pinIn(resentMail.text)).toBe(doraPin);
    expect((await joinWith(oldToken)).json()).toMatchObject({ error: 'invitation_invalid' });
    expect((await joinWith(joinTokenIn(resentMail.text)!)).statusCode).toBe(200);

    const emilToken = joinTokenIn((await mailsTo(t.database.db, 'emil@example.org'))[0]!.text)!;
    expect((await w.hostClient.post(`/api/invitations/${emil!.id}/revoke`)).json()).toMatchObject({
      state: 'revoked',
    });
    const revokedMail = (await mailsTo(t.database.db, 'emil@example.org')).at(-1)!;
    expect(revokedMail.template).toBe('invitation_revoked');
    expect(parseIcs(revokedMail.attachments[0]!.content).method).toBe('CANCEL');
    expect((await joinWith(emilToken)).json()).toMatchObject({ error: 'invitation_invalid' });
    expect((await w.hostClient.post(`/api/invitations/${emil!.id}/resend`)).statusCode).toBe(409);

    const feToken = joinTokenIn((await mailsTo(t.database.db, 'fe@example.org'))[0]!.text)!;
    expect((await t.client().post('/api/join/invitation/decline', { token: feToken })).statusCode).toBe(204);
    expect((await joinWith(feToken)).json()).toMatchObject({ error: 'invitation_invalid' });
    expect((await t.client().post('/api/join/invitation/decline', { token: feToken })).statusCode).toBe(410);
    const list = await w.hostClient.get(`/api/meetings/${series.id}/invitations`);
    expect(
      list.json<{ items: Array<{ id: string; state: string }> }>().items.find((i) => i.id === fe!.id),
    ).toMatchObject({
      state: 'declined',
    });
    expect((await w.otherHostClient.post(`/api/invitations/${dora!.id}/revoke`)).json()).toMatchObject({
      error: 'invitation_not_found',
    });

    // Invited again after revoking: active, same PIN, a new link.
    const reinvited = await w.hostClient.post(`/api/meetings/${series.id}/invitations`, {
      invitees: [{ email: 'emil@example.org' }],
    });
    expect(reinvited.json()).toMatchObject({ invited: [{ id: emil!.id, state: 'pending' }] });
  });
});
