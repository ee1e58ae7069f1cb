import { describe, expect, it } from 'vitest';
import {
  liveSchedules,
  meetingFacts,
  nextOccurrence,
  scheduleIcs,
  upcomingDates,
  type MeetingAggregate,
} from './aggregate-fns.js';
import { defaultMeetingSettings } from './meetings-fns.js';
import type { OccurrenceRecord } from './occurrences-repo.js';

const occurrence = (
  id: string,
  scheduleId: string,
  key: string,
  start: string,
  status: OccurrenceRecord['status'] = 'scheduled',
): OccurrenceRecord => ({
  id,
  meetingId: 'm',
  scheduleId,
  occurrenceKey: key,
  start: new Date(start),
  end: new Date(new Date(start).getTime() + 3_600_000),
  status,
  reminderSentAt: null,
});

const aggregate: MeetingAggregate = {
  meeting: {
    id: 'm',
    organisation: { id: 'o', name: 'Gruppe', status: 'active', chatRetentionDays: null },
    host: null,
    coHosts: [],
    createdByUserId: null,
    kind: 'series',
    number: '1234567890',
    title: 'T',
    description: '',
    timeZone: 'Europe/Berlin',
    passcode: null,
    phonePin: null,
    settings: defaultMeetingSettings,
    reminderMinutes: null,
    status: 'active',
    firstStartAt: new Date('2030-03-05T18:00:00Z'),
    lastEndAt: new Date('2030-04-02T18:00:00Z'),
    createdAt: new Date(0),
    updatedAt: new Date(0),
    cancelledAt: null,
  },
  schedules: [
    {
      id: 's1',
      meetingId: 'm',
      rrule: 'RRULE:FREQ=WEEKLY;BYDAY=TU;WKST=MO;UNTIL=20300312T180000Z',
      firstStart: '2030-03-05T19:00',
      durationMinutes: 60,
      sequence: 3,
    },
    {
      id: 's2',
      meetingId: 'm',
      rrule: 'RRULE:FREQ=WEEKLY;BYDAY=TU;WKST=MO;COUNT=3',
      firstStart: '2030-03-19T18:00',
      durationMinutes: 60,
      sequence: 0,
    },
  ],
  occurrences: [
    occurrence('a', 's1', '2030-03-05T19:00', '2030-03-05T18:00:00Z'),
    occurrence('b', 's1', '2030-03-12T19:00', '2030-03-12T18:00:00Z', 'cancelled'),
    occurrence('c', 's2', '2030-03-19T18:00', '2030-03-19T17:00:00Z', 'cancelled'),
    occurrence('d', 's2', '2030-03-26T18:00', '2030-03-27T08:00:00Z', 'moved'),
    occurrence('e', 's2', '2030-04-02T18:00', '2030-04-02T16:00:00Z'),
  ],
};

describe('aggregate fns', () => {
  const now = new Date('2030-03-15T00:00:00Z');

  it('finds the next date that is not cancelled, and the schedules still ahead', () => {
    expect(nextOccurrence(aggregate, now)?.id).toBe('d');
    expect(liveSchedules(aggregate, now).map((s) => s.id)).toEqual(['s2']);
    expect(liveSchedules(aggregate, new Date('2030-03-01T00:00:00Z')).map((s) => s.id)).toEqual(['s1', 's2']);
  });

  it('lists the next dates with cancelled ones marked and counts the rest', () => {
    expect(upcomingDates(aggregate, now, 2)).toEqual({
      dates: [
        { start: new Date('2030-03-19T17:00:00Z'), end: new Date('2030-03-19T18:00:00Z'), cancelled: true },
        { start: new Date('2030-03-27T08:00:00Z'), end: new Date('2030-03-27T09:00:00Z'), cancelled: false },
      ],
      more: 1,
    });
  });

  it('describes a schedule for the .ics: its rule, cancelled keys and moved dates only', () => {
    expect(scheduleIcs(aggregate, aggregate.schedules[1]!)).toEqual({
      start: '2030-03-19T18:00',
      timeZone: 'Europe/Berlin',
      durationMinutes: 60,
      rrule: 'RRULE:FREQ=WEEKLY;BYDAY=TU;WKST=MO;COUNT=3',
      exdates: ['2030-03-19T18:00'],
      movedOccurrences: [
        { occurrenceKey: '2030-03-26T18:00', start: new Date('2030-03-27T08:00:00Z'), durationMinutes: 60 },
      ],
    });
  });

  it('leaves the phone part out without numbers, and describes only live rules', () => {
    const facts = meetingFacts(aggregate, {
      timeZone: 'Europe/Berlin',
      pin: '1',
      dialInNumbers: [],
      retentionDays: 30,
      now,
    });
    expect(facts.phone).toBeNull();
    expect(facts.rhythms).toEqual([
      {
        recurrence: { frequency: 'weekly', interval: 1, byWeekday: ['TU'], end: { type: 'count', count: 3 } },
        firstStart: '2030-03-19T18:00',
      },
    ]);
  });
});
