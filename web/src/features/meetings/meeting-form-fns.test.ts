import { describe, expect, it } from 'vitest';
import {
  createRequest,
  fieldOfServerError,
  formProblems,
  meetingValues,
  newMeetingValues,
  patchRequest,
  randomPasscode,
  recurrenceOf,
  type MeetingFormValues,
} from './meeting-form-fns';
import type { Meeting } from './meetings-types';

const now = new Date('2026-03-20T10:00:00Z');
const base = (patch: Partial<MeetingFormValues> = {}): MeetingFormValues => ({
  ...newMeetingValues('org-1', 'abcdEFGH', now),
  title: 'Gesprächskreis',
  date: '2026-03-24',
  weekdays: ['TU'],
  ...patch,
});

const meeting: Meeting = {
  id: 'm-1',
  kind: 'series',
  meetingId: '1234567890',
  title: 'Gesprächskreis',
  description: '',
  organisation: { id: 'org-1', name: 'Gruppe' },
  host: { id: 'u-1', name: 'Hanna' },
  coHosts: [],
  timeZone: 'Europe/Berlin',
  settings: {
    waitingRoom: true,
    joinBeforeHost: false,
    muteOnEntry: true,
    cameraOffOnEntry: true,
    chat: true,
    dialIn: true,
    phonePin: false,
    e2ee: false,
    maxParticipants: 100,
  },
  passcode: 'abcdEFGH',
  phonePin: null,
  reminderMinutes: null,
  status: 'active',
  cancelledAt: null,
  firstStartAt: '2026-03-24T18:00:00.000Z',
  lastEndAt: '2026-05-26T19:30:00.000Z',
  schedules: [
    {
      id: 's-1',
      rrule: 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=5',
      firstStart: '2026-03-24T19:00',
      durationMinutes: 90,
      sequence: 0,
      recurrence: { frequency: 'weekly', interval: 2, byWeekday: ['TU'], end: { type: 'count', count: 5 } },
    },
  ],
  nextOccurrence: null,
  dialIn: { available: false, numbers: [] },
  joinUrl: 'http://localhost/m/1234567890',
  createdAt: '2026-03-20T10:00:00.000Z',
  updatedAt: '2026-03-20T10:00:00.000Z',
};

describe('meeting form', () => {
  it('starts with the safe defaults: tomorrow 19:00 in Berlin, waiting room on, a passcode', () => {
    const values = newMeetingValues('org-1', 'abcdEFGH', now);
    expect(values).toMatchObject({
      date: '2026-03-21',
      time: '19:00',
      timeZone: 'Europe/Berlin',
      passcodeOn: true,
    });
    expect(values.settings).toMatchObject({ waitingRoom: true, joinBeforeHost: false, e2ee: false });
  });

  it('makes random passcodes of 8 unambiguous characters', () => {
    const codes = new Set(Array.from({ length: 50 }, () => randomPasscode()));
    expect(codes.size).toBe(50);
    for (const code of codes) {
      expect(code).toMatch(/^[a-km-zA-HJ-NP-Y2-9]{8}$/);
    }
  });

  it('builds a single meeting and each rhythm as the API takes it', () => {
    const single = createRequest(base(), { chooseHost: false });
    expect(single.kind).toBe('single');
    expect(single.body).toMatchObject({
      organisationId: 'org-1',
      start: '2026-03-24T19:00',
      passcode: 'abcdEFGH',
    });
    const series = createRequest(base({ repeat: 'everyNWeeks', intervalWeeks: '2', count: '6' }), {
      chooseHost: false,
    });
    expect(series.kind).toBe('series');
    expect(series.body).toMatchObject({
      firstStart: '2026-03-24T19:00',
      recurrence: { frequency: 'weekly', interval: 2, byWeekday: ['TU'], end: { type: 'count', count: 6 } },
    });
    expect(series.body).not.toHaveProperty('hostUserId');
    expect(recurrenceOf(base({ repeat: 'monthly', monthlyMode: 'by_weekday' }))).toEqual({
      frequency: 'monthly',
      interval: 1,
      monthlyMode: 'by_weekday',
      monthlyPosition: 4,
      end: { type: 'count', count: 10 },
    });
    expect(recurrenceOf(base({ repeat: 'daily', endType: 'until', untilDate: '2026-04-30' }))).toEqual({
      frequency: 'daily',
      interval: 1,
      end: { type: 'until', date: '2026-04-30' },
    });
    expect(
      createRequest(base({ passcodeOn: false, hostUserId: 'u-9' }), { chooseHost: true }).body,
    ).toMatchObject({
      passcode: null,
      hostUserId: 'u-9',
    });
  });

  it('names each problem with its field before sending', () => {
    const problems = formProblems(
      base({
        title: ' ',
        date: '2026-03-19',
        repeat: 'weekly',
        weekdays: ['MO'],
        endType: 'until',
        untilDate: '2026-03-01',
        passcode: 'a b',
      }),
      { rhythm: true, dates: true, now },
    );
    expect(problems.map((problem) => problem.field)).toEqual([
      'meeting-title',
      'meeting-date',
      'meeting-weekdays',
      'meeting-until',
      'meeting-passcode',
    ]);
    expect(formProblems(base(), { rhythm: true, dates: true, now })).toEqual([]);
    expect(formProblems(base({ repeat: 'weekly', count: '1' }), { rhythm: true, dates: true, now })).toEqual([
      { field: 'meeting-count', key: 'count' },
    ]);
  });

  it('sends only what changed when a meeting is edited', () => {
    const values = meetingValues(meeting);
    expect(values).toMatchObject({ repeat: 'everyNWeeks', intervalWeeks: '2', count: '5', time: '19:00' });
    expect(patchRequest(meeting, values, { chooseHost: true })).toEqual({});
    const changed = {
      ...values,
      title: 'Neu',
      settings: { ...values.settings, chat: false },
      passcodeOn: false,
    };
    expect(patchRequest(meeting, changed, { chooseHost: false })).toEqual({
      title: 'Neu',
      settings: { chat: false },
      passcode: null,
    });
    // A series' dates change through its occurrences, never in the PATCH.
    expect(patchRequest(meeting, { ...values, time: '18:00' }, { chooseHost: false })).toEqual({});
    const single: Meeting = {
      ...meeting,
      kind: 'single',
      schedules: [{ ...meeting.schedules[0]!, recurrence: null }],
    };
    expect(patchRequest(single, { ...meetingValues(single), time: '18:00' }, { chooseHost: false })).toEqual({
      start: '2026-03-24T18:00',
    });
  });

  it('switches the meeting-wide PIN on, and asks for a new one only when it is on', () => {
    const values = meetingValues(meeting);
    const on = { ...values, settings: { ...values.settings, phonePin: true } };
    expect(patchRequest(meeting, on, { chooseHost: false })).toEqual({ settings: { phonePin: true } });
    // Switched on in this very save: the server makes a PIN anyway.
    expect(patchRequest(meeting, { ...on, renewPhonePin: true }, { chooseHost: false })).toEqual({
      settings: { phonePin: true },
    });
    const withPin: Meeting = {
      ...meeting,
      settings: { ...meeting.settings, phonePin: true },
      phonePin: '482913',
    };
    const renew = { ...meetingValues(withPin), renewPhonePin: true };
    expect(meetingValues(withPin).phonePin).toBe('482913');
    expect(patchRequest(withPin, renew, { chooseHost: false })).toEqual({ renewPhonePin: true });
    const off = { ...renew, settings: { ...renew.settings, phonePin: false } };
    expect(patchRequest(withPin, off, { chooseHost: false })).toEqual({ settings: { phonePin: false } });
  });

  it('points server errors at their field', () => {
    expect(fieldOfServerError('start_in_past', [])).toBe('meeting-date');
    expect(fieldOfServerError('validation_failed', ['recurrence.end.count'])).toBe('meeting-count');
    expect(fieldOfServerError('validation_failed', ['settings.maxParticipants'])).toBe('meeting-max');
    expect(fieldOfServerError('meeting_over', [])).toBeUndefined();
  });

  it('sends the chosen co-hosts, never the main host among them, and changes them only when they changed', () => {
    const created = createRequest(base({ hostUserId: 'u-1', coHostIds: ['u-2', 'u-1'] }), {
      chooseHost: true,
    });
    expect(created.body.coHostIds).toEqual(['u-2']);
    const withCoHost = { ...meeting, coHosts: [{ id: 'u-2', name: 'Gerd' }] };
    expect(meetingValues(withCoHost).coHostIds).toEqual(['u-2']);
    expect(patchRequest(withCoHost, meetingValues(withCoHost), { chooseHost: false })).not.toHaveProperty(
      'coHostIds',
    );
    const added = { ...meetingValues(withCoHost), coHostIds: ['u-2', 'u-3'] };
    expect(patchRequest(withCoHost, added, { chooseHost: false }).coHostIds).toEqual(['u-2', 'u-3']);
    const removed = { ...meetingValues(withCoHost), coHostIds: [] };
    expect(patchRequest(withCoHost, removed, { chooseHost: false }).coHostIds).toEqual([]);
  });
});
