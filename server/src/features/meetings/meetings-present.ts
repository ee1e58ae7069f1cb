import { nextOccurrence } from './aggregate-fns.js';
import type { DashboardOccurrence, MeetingRef, MeetingSummary } from './dashboard-repo.js';
import { dialInAvailable, meetingJoinLink, shownPhonePin } from './meetings-fns.js';
import type { MeetingResponse } from './meetings-schemas.js';
import type { MeetingView } from './meetings-service.js';
import type { OccurrenceRecord } from './occurrences-repo.js';
import { recurrenceFromRRule } from './schedule-fns.js';

/** Shapes read models for the API; the response schemas then decide what leaves. */
export function occurrenceResponse(
  o: Pick<OccurrenceRecord, 'id' | 'occurrenceKey' | 'start' | 'end' | 'status'>,
) {
  return {
    id: o.id,
    occurrenceKey: o.occurrenceKey,
    start: o.start.toISOString(),
    end: o.end.toISOString(),
    status: o.status,
  };
}

export function meetingResponse(view: MeetingView, baseUrl: string, now: Date): MeetingResponse {
  const { meeting, schedules } = view.aggregate;
  const next = nextOccurrence(view.aggregate, now);
  const available = dialInAvailable(meeting.settings, view.dialInNumbers);
  return {
    id: meeting.id,
    kind: meeting.kind,
    meetingId: meeting.number,
    title: meeting.title,
    description: meeting.description,
    organisation: { id: meeting.organisation.id, name: meeting.organisation.name },
    host: meeting.host ? { id: meeting.host.id, name: meeting.host.name } : null,
    coHosts: meeting.coHosts,
    timeZone: meeting.timeZone,
    settings: meeting.settings,
    passcode: meeting.passcode,
    phonePin: shownPhonePin(meeting, view.dialInNumbers),
    reminderMinutes: meeting.reminderMinutes,
    status: meeting.status,
    cancelledAt: meeting.cancelledAt?.toISOString() ?? null,
    firstStartAt: meeting.firstStartAt.toISOString(),
    lastEndAt: meeting.lastEndAt.toISOString(),
    schedules: schedules.map((s) => ({
      id: s.id,
      rrule: s.rrule,
      firstStart: s.firstStart,
      durationMinutes: s.durationMinutes,
      sequence: s.sequence,
      recurrence: s.rrule === null ? null : recurrenceFromRRule(s.rrule, meeting.timeZone),
    })),
    nextOccurrence: next ? occurrenceResponse(next) : null,
    dialIn: { available, numbers: available ? view.dialInNumbers : [] },
    joinUrl: meetingJoinLink(baseUrl, meeting.number),
    createdAt: meeting.createdAt.toISOString(),
    updatedAt: meeting.updatedAt.toISOString(),
  };
}

const refResponse = (ref: MeetingRef) => ({
  id: ref.id,
  kind: ref.kind,
  meetingId: ref.number,
  title: ref.title,
  timeZone: ref.timeZone,
  status: ref.status,
  organisation: ref.organisation,
  host: ref.host,
});

export const dashboardOccurrenceResponse = (
  item: Omit<DashboardOccurrence, 'records'> & {
    records?: { chatMessages: number; polls: number; keptUntil: Date };
  },
) => ({
  ...occurrenceResponse(item),
  meeting: refResponse(item.meeting),
  ...(item.records && { records: { ...item.records, keptUntil: item.records.keptUntil.toISOString() } }),
});

export const meetingSummaryResponse = (item: MeetingSummary) => ({
  ...refResponse(item),
  firstStartAt: item.firstStartAt.toISOString(),
  lastEndAt: item.lastEndAt.toISOString(),
  nextStart: item.nextStart?.toISOString() ?? null,
});
