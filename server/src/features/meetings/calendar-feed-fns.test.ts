import { describe, expect, it } from 'vitest';
import { buildCalendarFeed } from './calendar-feed-fns.js';
import { invitationText } from './invitation-text-fns.js';
import { toRRule } from './recurrence-fns.js';
import { parseIcs } from './test/ics-parse.js';

const rrule = toRRule(
  { frequency: 'weekly', interval: 1, end: { type: 'count', count: 4 } },
  '2030-03-19T19:00',
  'Europe/Berlin',
);

describe('buildCalendarFeed', () => {
  it('publishes series with rule, cancelled dates and moves, and cancelled meetings as cancelled', () => {
    const ics = buildCalendarFeed({
      name: 'Treffpunkt – Hanna',
      now: new Date('2030-03-04T09:00:00Z'),
      entries: [
        {
          uid: 'series@treff.example',
          sequence: 2,
          title: 'Gesprächskreis\r\nX-INJECTED:1',
          description: 'Angehörige Demenz',
          url: 'https://treff.example/meetings/1',
          cancelled: false,
          start: '2030-03-19T19:00',
          timeZone: 'Europe/Berlin',
          durationMinutes: 90,
          rrule,
          exdates: ['2030-03-26T19:00'],
          movedOccurrences: [
            {
              occurrenceKey: '2030-04-02T19:00',
              start: new Date('2030-04-03T08:00:00Z'),
              durationMinutes: 60,
            },
          ],
        },
        {
          uid: 'single@treff.example',
          sequence: 1,
          title: 'Abgesagt',
          description: '',
          url: 'https://treff.example/meetings/2',
          cancelled: true,
          start: '2030-03-12T19:00',
          timeZone: 'Europe/Berlin',
          durationMinutes: 60,
        },
      ],
    });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics).not.toMatch(/^X-INJECTED/m);
    const parsed = parseIcs(ics);
    expect(parsed.method).toBe('PUBLISH');
    expect(parsed.events.map((e) => [e.uid, e.start, e.recurrenceId, e.status])).toEqual([
      ['series@treff.example', '2030-03-19T18:00:00.000Z', undefined, 'CONFIRMED'],
      ['series@treff.example', '2030-04-03T08:00:00.000Z', '2030-04-02T17:00:00.000Z', 'CONFIRMED'],
      ['single@treff.example', '2030-03-12T18:00:00.000Z', undefined, 'CANCELLED'],
    ]);
    expect(parsed.events[0]!.summary).toBe('Gesprächskreis\nX-INJECTED:1');
    expect(ics).toContain('EXDATE;TZID=Europe/Berlin:20300326T190000');
    expect(ics).toContain('BEGIN:VTIMEZONE');
  });
});

describe('invitationText', () => {
  const facts = {
    title: 'Offenes Treffen',
    description: '',
    organisationName: 'Trauercafé',
    hostName: '',
    kind: 'single' as const,
    timeZone: 'Europe/Berlin',
    meetingTimeZone: 'Europe/Berlin',
    dates: [
      { start: new Date('2030-03-12T18:00:00Z'), end: new Date('2030-03-12T19:00:00Z'), cancelled: false },
    ],
    moreDates: 0,
    rhythms: [],
    phone: { numbers: [{ label: 'Berlin', number: '+49 30 1234567' }], meetingId: '123 456 7890', pin: '' },
    e2ee: false,
    retentionDays: 30,
  };

  it('shares the public join page, meeting ID, passcode and numbers, but never a PIN', () => {
    const text = invitationText(
      {
        facts,
        joinUrl: 'https://treff.example/m/1234567890',
        meetingId: '123 456 7890',
        passcode: 'Sonne-42',
        privacyUrl: 'https://treff.example/privacy',
      },
      'de',
    );
    expect(text).toBe(
      [
        'Trauercafé lädt Sie zu einem Online-Treffen ein.',
        'Thema: Offenes Treffen',
        '',
        'Wann:',
        'Dienstag, 12. März 2030, 19:00–20:00 Uhr',
        'Alle Zeiten in der Zeitzone Europe/Berlin.',
        '',
        'Im Browser teilnehmen (ohne Installation):',
        'https://treff.example/m/1234567890',
        'Meeting-ID: 123 456 7890',
        'Kenncode: Sonne-42',
        '',
        'Per Telefon teilnehmen:',
        'Berlin: +49 30 1234567',
        'Meeting-ID: 123 456 7890',
        '',
        'Datenschutzhinweise: https://treff.example/privacy',
        '',
      ].join('\n'),
    );
    const open = invitationText(
      {
        facts: { ...facts, phone: null },
        joinUrl: 'https://t/m/1',
        meetingId: '1',
        passcode: null,
        privacyUrl: 'https://t/p',
      },
      'en',
    );
    expect(open).not.toContain('Passcode');
    expect(open).not.toContain('phone');
  });
});
