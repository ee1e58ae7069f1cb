import { describe, expect, it } from 'vitest';
import { cleanMailText, headerSafe, renderMeetingMail, type MeetingFacts } from './templates-meetings.js';

const branding = { associationName: 'Selbsthilfe <Berlin>', privacyUrl: 'https://treff.example/privacy' };

const facts: MeetingFacts = {
  title: 'Gesprächskreis',
  description: 'Bitte pünktlich.\nMit Kaffee.',
  organisationName: 'Angehörige Demenz',
  hostName: 'Hanna Host',
  kind: 'series',
  timeZone: 'Europe/Berlin',
  meetingTimeZone: 'Europe/Berlin',
  dates: [
    { start: new Date('2030-03-19T18:00:00Z'), end: new Date('2030-03-19T19:30:00Z'), cancelled: false },
    { start: new Date('2030-03-26T18:00:00Z'), end: new Date('2030-03-26T19:30:00Z'), cancelled: true },
  ],
  moreDates: 3,
  rhythms: [
    {
      recurrence: { frequency: 'weekly', interval: 1, end: { type: 'count', count: 5 } },
      firstStart: '2030-03-19T19:00',
    },
  ],
  phone: {
    numbers: [{ label: 'Berlin', number: '+49 30 1234567' }],
    meetingId: '123 456 7890',
    pin: '042817',
  },
  e2ee: false,
  retentionDays: 30,
};

describe('headerSafe and cleanMailText', () => {
  it('makes one line without control, separator or bidi characters, cut with an ellipsis', () => {
    expect(headerSafe('Hallo\r\nBcc: x@example.org\u2028\u202Eevil\u202C')).toBe(
      'Hallo Bcc: x@example.org evil',
    );
    expect(headerSafe('x'.repeat(500))).toHaveLength(200);
    expect(headerSafe('x'.repeat(500)).endsWith('…')).toBe(true);
  });

  it('keeps line breaks in body text but drops other control and bidi characters', () => {
    expect(cleanMailText('a\r\nb\u0007c\u202Ed', 100)).toBe('a\nbcd');
  });
});

describe('renderMeetingMail', () => {
  it('writes an invitation with dates in the reader’s zone, phone details, privacy note and no tracking', () => {
    const mail = renderMeetingMail(
      { template: 'meeting_invitation', name: 'Anna', link: 'https://treff.example/j/TOKEN', facts },
      'de',
      branding,
    );
    expect(mail.subject).toBe('Einladung: Gesprächskreis');
    expect(mail.text).toContain('Jeden Dienstag, 19:00 Uhr, 5 Termine (Europe/Berlin)');
    expect(mail.text).toContain('• Dienstag, 19. März 2030, 19:00–20:30 Uhr');
    expect(mail.text).toContain('• Dienstag, 26. März 2030, 19:00–20:30 Uhr (entfällt)');
    expect(mail.text).toContain('… und 3 weitere Termine');
    expect(mail.text).toContain('Ihre persönliche PIN: 042817');
    expect(mail.text).toContain('30 Tage nach dem letzten Termin gelöscht');
    expect(mail.html).toContain('Selbsthilfe &lt;Berlin&gt;');
    expect(mail.html).toContain('Bitte pünktlich.<br>Mit Kaffee.');
    expect(mail.html).not.toMatch(/<img|<script|https?:\/\/(?!treff\.example)/);
  });

  it('escapes hostile text in HTML and keeps it out of the subject’s line structure', () => {
    const hostile = { ...facts, title: '<script>x</script>\r\nBcc: a@b.c', hostName: '\u202Eevil' };
    const mail = renderMeetingMail(
      { template: 'meeting_updated', name: '<b>Eve</b>', link: 'https://treff.example/j/T', facts: hostile },
      'en',
      branding,
    );
    expect(mail.subject).toBe('Changed: <script>x</script> Bcc: a@b.c');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Hello &lt;b&gt;Eve&lt;/b&gt;,');
    expect(mail.text).not.toContain('\u202E');
  });

  it('says why there is no phone for an end-to-end encrypted meeting, and writes English dates', () => {
    const mail = renderMeetingMail(
      {
        template: 'meeting_reminder',
        name: '',
        link: 'https://treff.example/j/T',
        facts: { ...facts, kind: 'single', phone: null, e2ee: true, timeZone: 'America/New_York' },
        date: {
          start: new Date('2030-03-19T18:00:00Z'),
          end: new Date('2030-03-19T19:30:00Z'),
          cancelled: false,
        },
      },
      'en',
      branding,
    );
    expect(mail.subject).toBe('Reminder: Gesprächskreis – Tuesday, 19 March 2030, 2:00 pm–3:30 pm');
    expect(mail.text.startsWith('Hello,')).toBe(true);
    expect(mail.text).toContain('end-to-end encrypted');
    expect(mail.text).not.toContain('PIN');
  });

  it('tells the host about passcode guessing without any detail of the source', () => {
    const mail = renderMeetingMail(
      { template: 'meeting_under_attack', name: 'Hanna', title: 'Gesprächskreis', meetingId: '123 456 7890' },
      'de',
      branding,
    );
    expect(mail.subject).toBe('Sicherheitshinweis zu Ihrem Treffen: Gesprächskreis');
    expect(mail.text).toContain('Meeting-ID 123 456 7890');
  });
});
