import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import {
  ICS_TEXT_LIMITS,
  buildInvitationIcs,
  buildVTimezone,
  cleanIcsText,
  type InvitationInput,
} from './ics-fns.js';
import { expandSeries, toRRule } from './recurrence-fns.js';

// Every .ics is parsed back with ical.js (Mozilla's parser, with its own RRULE and VTIMEZONE engine), and every
// expectation is an ISO instant or a wall-time string, so the suite is the same under any process TZ.
const rrule = toRRule(
  { frequency: 'weekly', interval: 1, end: { type: 'count', count: 6 } },
  '2026-03-17T19:00',
  'Europe/Berlin',
);

const base: InvitationInput = {
  method: 'REQUEST',
  uid: '1234567890@treffpunkt.example',
  sequence: 3,
  title: 'Gesprächskreis Angehörige',
  description: 'Link und Kenncode:\nhttps://treffpunkt.example/j/1234567890',
  joinUrl: 'https://treffpunkt.example/j/1234567890',
  organizer: { name: 'Treffpunkt', email: 'noreply@treffpunkt.example' },
  attendee: { email: 'anna@example.org', name: 'Anna' },
  start: '2026-03-17T19:00',
  timeZone: 'Europe/Berlin',
  durationMinutes: 90,
  now: new Date('2026-03-01T08:00:00Z'),
};

function parse(ics: string) {
  const calendar = ICAL.Component.fromString(ics);
  return { calendar, events: calendar.getAllSubcomponents('vevent') };
}

const only = <T>(items: T[]): T => {
  expect(items).toHaveLength(1);
  return items[0]!;
};

const errorCode = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return 'no error';
};

/** Occurrence starts as ical.js computes them from the .ics alone (RRULE, EXDATE, overrides, VTIMEZONE). */
function icalStarts(ics: string): string[] {
  const { events } = parse(ics);
  const master = new ICAL.Event(events.find((e) => !e.hasProperty('recurrence-id')));
  for (const exception of events.filter((e) => e.hasProperty('recurrence-id'))) {
    master.relateException(exception);
  }
  const iterator = master.iterator();
  // ical.js types next() as always returning a Time; it returns null after the last occurrence.
  const nextStart = (): ICAL.Time | null => iterator.next();
  const starts: string[] = [];
  for (let next = nextStart(); next; next = nextStart()) {
    const details = master.getOccurrenceDetails(next) as { startDate: ICAL.Time };
    starts.push(details.startDate.toJSDate().toISOString());
  }
  return starts.sort();
}

describe('buildInvitationIcs: a recurring series', () => {
  const input: InvitationInput = {
    ...base,
    rrule,
    exdates: ['2026-03-24T19:00'],
    movedOccurrences: [
      { occurrenceKey: '2026-04-07T19:00', start: new Date('2026-04-08T16:30:00Z'), durationMinutes: 60 },
    ],
  };
  const ics = buildInvitationIcs(input);

  it('writes METHOD, UID, SEQUENCE, DTSTART with TZID, RRULE and EXDATE', () => {
    const { calendar, events } = parse(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const master = events[0]!;
    expect(master.getFirstPropertyValue('uid')).toBe(base.uid);
    expect(master.getFirstPropertyValue('sequence')).toBe(3);
    const dtstart = master.getFirstProperty('dtstart')!;
    expect(dtstart.getParameter('tzid')).toBe('Europe/Berlin');
    expect(String(dtstart.getFirstValue())).toBe('2026-03-17T19:00:00');
    expect(ics).toContain('\r\nRRULE:FREQ=WEEKLY;BYDAY=TU;WKST=MO;COUNT=6\r\n');
    const recur = master.getFirstPropertyValue('rrule') as ICAL.Recur;
    expect([recur.freq, recur.count, recur.getComponent('byday')]).toEqual(['WEEKLY', 6, ['TU']]);
    const exdate = master.getFirstProperty('exdate')!;
    expect(exdate.getParameter('tzid')).toBe('Europe/Berlin');
    expect(exdate.getValues().map(String)).toEqual(['2026-03-24T19:00:00']);
    expect(master.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(master.getFirstPropertyValue('location')).toBe(base.joinUrl);
    expect(master.getFirstPropertyValue('description')).toBe(base.description);
    expect(master.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-03-01T08:00:00Z');
  });

  it('overrides a moved occurrence by RECURRENCE-ID under the same UID', () => {
    const { events } = parse(ics);
    const moved = events[1]!;
    expect(moved.getFirstPropertyValue('uid')).toBe(base.uid);
    expect(moved.getFirstProperty('recurrence-id')?.getParameter('tzid')).toBe('Europe/Berlin');
    expect(String(moved.getFirstPropertyValue('recurrence-id'))).toBe('2026-04-07T19:00:00');
    expect(String(moved.getFirstPropertyValue('dtstart'))).toBe('2026-04-08T18:30:00');
  });

  it('means the same occurrences to ical.js as to expandSeries, across the March DST change', () => {
    const ours = expandSeries({
      rrule,
      firstStart: '2026-03-17T19:00',
      timeZone: 'Europe/Berlin',
      durationMinutes: 90,
      exceptions: [
        { occurrenceKey: '2026-03-24T19:00', kind: 'cancelled' },
        {
          occurrenceKey: '2026-04-07T19:00',
          kind: 'moved',
          start: '2026-04-08T16:30:00Z',
          durationMinutes: 60,
        },
      ],
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2027-01-01T00:00:00Z'),
    });
    const expected = ours.filter((o) => o.status !== 'cancelled').map((o) => o.start.toISOString());
    expect(icalStarts(ics)).toEqual(expected.sort());
    expect(expected).toContain('2026-03-17T18:00:00.000Z');
    expect(expected).toContain('2026-03-31T17:00:00.000Z');
  });

  it('ends every line with CRLF and folds at 75 octets', () => {
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of ics.split('\r\n')) {
      expect(line).not.toMatch(/[\r\n]/);
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
  });
});

describe('buildInvitationIcs: cancellations', () => {
  it('cancels one occurrence by RECURRENCE-ID', () => {
    const ics = buildInvitationIcs({
      ...base,
      method: 'CANCEL',
      sequence: 4,
      rrule,
      cancelledOccurrence: '2026-03-31T19:00',
    });
    const { calendar, events } = parse(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    const event = only(events);
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('sequence')).toBe(4);
    expect(event.hasProperty('rrule')).toBe(false);
    expect(event.getFirstProperty('recurrence-id')?.getParameter('tzid')).toBe('Europe/Berlin');
    expect(String(event.getFirstPropertyValue('recurrence-id'))).toBe('2026-03-31T19:00:00');
    const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(start.toJSDate().toISOString()).toBe('2026-03-31T17:00:00.000Z');
  });

  it('cancels a whole meeting', () => {
    const { calendar, events } = parse(buildInvitationIcs({ ...base, method: 'CANCEL', sequence: 5 }));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(only(events).getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('refuses inconsistent input', () => {
    expect(errorCode(() => buildInvitationIcs({ ...base, cancelledOccurrence: '2026-03-31T19:00' }))).toBe(
      'invalid_invitation',
    );
    expect(errorCode(() => buildInvitationIcs({ ...base, exdates: ['2026-03-24T19:00'] }))).toBe(
      'invalid_invitation',
    );
    expect(errorCode(() => buildInvitationIcs({ ...base, uid: 'a\r\nb' }))).toBe('invalid_invitation');
    expect(errorCode(() => buildInvitationIcs({ ...base, timeZone: 'Nowhere/City' }))).toBe(
      'invalid_invitation',
    );
    expect(errorCode(() => buildInvitationIcs({ ...base, joinUrl: 'javascript:alert(1)' }))).toBe(
      'invalid_invitation',
    );
    expect(errorCode(() => buildInvitationIcs({ ...base, rrule: 'FREQ=DAILY;X=1' }))).toBe('invalid_rrule');
  });
});

describe('buildInvitationIcs: hostile text', () => {
  const hostile = [
    'Treffen\r\nATTENDEE:mailto:evil@example.org\r\nEND:VEVENT',
    'semi;colon, comma \\ backslash \\n not-a-newline',
    'x'.repeat(10_000),
    'Emoji 😀👨‍👩‍👧 und Umlaute äöü',
    'Right-to-left \u202Egpj.exe',
    'bare\rcarriage and bare\nline feed and \u0000\u0007\u001b control',
    '🙂'.repeat(300),
  ];

  it.each(hostile.map((title) => [title.slice(0, 40), title]))(
    'keeps %j one SUMMARY that parses back',
    (_, title) => {
      const ics = buildInvitationIcs({ ...base, title, description: title });
      const event = only(parse(ics).events);
      expect(event.getAllProperties('summary')).toHaveLength(1);
      expect(event.getAllProperties('attendee')).toHaveLength(1);
      expect(event.getFirstPropertyValue('summary')).toBe(cleanIcsText(title, ICS_TEXT_LIMITS.title));
      expect(event.getFirstPropertyValue('description')).toBe(
        cleanIcsText(title, ICS_TEXT_LIMITS.description),
      );
    },
  );

  it('documents what cleaning does', () => {
    expect(cleanIcsText('a\r\nb\rc\u0000d\te', 100)).toBe('a\nb\ncd\te');
    expect(Array.from(cleanIcsText('x'.repeat(10_000), ICS_TEXT_LIMITS.title))).toHaveLength(200);
    expect(cleanIcsText('🙂'.repeat(300), ICS_TEXT_LIMITS.title)).toBe('🙂'.repeat(200));
    expect(cleanIcsText('Right-to-left \u202Eabc', 100)).toBe('Right-to-left \u202Eabc');
  });

  it('keeps names inside their CN parameter and refuses hostile addresses', () => {
    const ics = buildInvitationIcs({
      ...base,
      organizer: {
        name: 'Org "x";\r\nATTENDEE:mailto:evil@example.org',
        email: 'noreply@treffpunkt.example',
      },
      attendee: { email: 'anna@example.org', name: 'Anna \\ "Nanni"' },
    });
    const event = only(parse(ics).events);
    expect(event.getFirstProperty('organizer')?.getParameter('cn')).toBe(
      'Org x; ATTENDEE:mailto:evil@example.org',
    );
    expect(only(event.getAllProperties('attendee')).getParameter('cn')).toBe('Anna Nanni');
    for (const email of ['a@b.de\r\nX:y', 'a;b@example.org', '"a"@example.org', 'no-at-sign']) {
      expect(
        errorCode(() => buildInvitationIcs({ ...base, attendee: { email } })),
        email,
      ).toBe('invalid_invitation');
    }
  });
});

describe('buildVTimezone', () => {
  /** The instant ical.js gives a wall time in `zone` using only the VTIMEZONE we wrote. */
  function instantVia(vtimezone: string, zone: string, wall: string): string {
    const ics = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n${vtimezone}\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=${zone}:${wall}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
    const start = only(parse(ics).events).getFirstPropertyValue('dtstart') as ICAL.Time;
    return start.toJSDate().toISOString();
  }

  it('uses yearly rules for a steady zone, in both hemispheres', () => {
    const berlin = buildVTimezone('Europe/Berlin', 2025, 2029);
    expect(berlin).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
    expect(berlin).toContain('RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
    expect(instantVia(berlin, 'Europe/Berlin', '20290115T190000')).toBe('2029-01-15T18:00:00.000Z');
    expect(instantVia(berlin, 'Europe/Berlin', '20290715T190000')).toBe('2029-07-15T17:00:00.000Z');
    const newYork = buildVTimezone('America/New_York', 2025, 2029);
    expect(newYork).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU');
    expect(instantVia(newYork, 'America/New_York', '20261101T120000')).toBe('2026-11-01T17:00:00.000Z');
    const sydney = buildVTimezone('Australia/Sydney', 2025, 2029);
    expect(instantVia(sydney, 'Australia/Sydney', '20270110T190000')).toBe('2027-01-10T08:00:00.000Z');
    expect(instantVia(sydney, 'Australia/Sydney', '20270710T190000')).toBe('2027-07-10T09:00:00.000Z');
  });

  it('lists each transition when the rules change, and handles zones without DST', () => {
    // Mexico City dropped DST in October 2022.
    const mexico = buildVTimezone('America/Mexico_City', 2021, 2024);
    expect(mexico).not.toContain('RRULE');
    expect(instantVia(mexico, 'America/Mexico_City', '20220615T190000')).toBe('2022-06-16T00:00:00.000Z');
    expect(instantVia(mexico, 'America/Mexico_City', '20230615T190000')).toBe('2023-06-16T01:00:00.000Z');
    const tokyo = buildVTimezone('Asia/Tokyo', 2025, 2028);
    expect(tokyo).toContain('TZOFFSETTO:+0900');
    expect(instantVia(tokyo, 'Asia/Tokyo', '20260615T190000')).toBe('2026-06-15T10:00:00.000Z');
  });
});
