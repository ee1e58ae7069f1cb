/** The meetings API's shapes as the web app reads them (docs/api/meetings.md). */

export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

export interface Recurrence {
  frequency: 'daily' | 'weekly' | 'monthly';
  interval: number;
  byWeekday?: Weekday[];
  monthlyMode?: 'by_date' | 'by_weekday';
  monthlyPosition?: 1 | 2 | 3 | 4 | -1;
  end: { type: 'until'; date: string } | { type: 'count'; count: number };
}

export interface MeetingSettings {
  waitingRoom: boolean;
  joinBeforeHost: boolean;
  muteOnEntry: boolean;
  cameraOffOnEntry: boolean;
  chat: boolean;
  dialIn: boolean;
  /** A meeting-wide dial-in PIN besides the personal ones (callers appear as "Telefon 1", …). */
  phonePin: boolean;
  e2ee: boolean;
  maxParticipants: number;
}

export interface Ref {
  id: string;
  name: string;
}

export interface Occurrence {
  id: string;
  /** The original wall-clock start in the meeting's zone (`YYYY-MM-DDTHH:mm`); stays when the date moves. */
  occurrenceKey: string;
  start: string;
  end: string;
  status: 'scheduled' | 'moved' | 'cancelled';
}

export interface Schedule {
  id: string;
  rrule: string | null;
  /** Wall time in the meeting's zone. */
  firstStart: string;
  durationMinutes: number;
  sequence: number;
  recurrence: Recurrence | null;
}

export interface Meeting {
  id: string;
  kind: 'single' | 'series';
  meetingId: string;
  title: string;
  description: string;
  organisation: Ref;
  host: Ref | null;
  coHosts: Ref[];
  timeZone: string;
  settings: MeetingSettings;
  passcode: string | null;
  /** The meeting-wide PIN while it is on and callers can use it; null otherwise. */
  phonePin: string | null;
  reminderMinutes: number | null;
  status: 'active' | 'cancelled';
  cancelledAt: string | null;
  firstStartAt: string;
  lastEndAt: string;
  schedules: Schedule[];
  nextOccurrence: Occurrence | null;
  dialIn: { available: boolean; numbers: Array<{ label: string; number: string }> };
  joinUrl: string;
  createdAt: string;
  updatedAt: string;
}

export interface MeetingRef {
  id: string;
  kind: 'single' | 'series';
  meetingId: string;
  title: string;
  timeZone: string;
  status: 'active' | 'cancelled';
  organisation: Ref;
  host: Ref | null;
}

/** What a past date's chat and polls hold, and when they are deleted. */
export interface OccurrenceRecords {
  chatMessages: number;
  polls: number;
  keptUntil: string;
}

export type DashboardOccurrence = Occurrence & { meeting: MeetingRef; records?: OccurrenceRecords };

export type MeetingListItem = MeetingRef & {
  firstStartAt: string;
  lastEndAt: string;
  nextStart: string | null;
};

export interface Page<T> {
  items: T[];
  total: number;
}

export type InvitationState = 'pending' | 'sent' | 'failed' | 'declined' | 'revoked';

export interface Invitation {
  id: string;
  email: string;
  name: string;
  language: 'de' | 'en';
  timeZone: string;
  state: InvitationState;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
}

export interface Invitee {
  email: string;
  name: string;
  language?: 'de' | 'en';
  timeZone?: string;
}

export interface RejectedLine {
  line: number;
  text: string;
  reason: 'invalid_email' | 'no_email';
}

export interface InviteResult {
  invited: Invitation[];
  alreadyInvited: string[];
  rejected: RejectedLine[];
  duplicates: number;
}

export interface ImportPreview {
  invitees: Invitee[];
  rejected: RejectedLine[];
  duplicates: number;
}

/** `GET /api/join/invitation`, `POST /api/join/meeting`: what a join page shows. */
export interface JoinView {
  via: 'invitation' | 'meeting_id';
  meeting: {
    id: string;
    kind: 'single' | 'series';
    title: string;
    description: string;
    organisation: string;
    hostName: string | null;
    timeZone: string;
    e2ee: boolean;
    waitingRoom: boolean;
  };
  occurrence: Occurrence | null;
  upcoming: Occurrence[];
  invitee: { name: string; language: 'de' | 'en'; timeZone: string } | null;
  passcodeRequired: false;
  privacyUrl: string;
}
