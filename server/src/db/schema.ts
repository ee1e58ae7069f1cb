import type { ColumnType, Generated } from 'kysely';

/** Table types for Kysely. Keep in step with migrations/. */
export interface DB {
  instance_settings: InstanceSettingsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  organisation_members: OrganisationMembersTable;
  sessions: SessionsTable;
  account_tokens: AccountTokensTable;
  recovery_codes: RecoveryCodesTable;
  audit_log: AuditLogTable;
  mail_outbox: MailOutboxTable;
  meetings: MeetingsTable;
  meeting_cohosts: MeetingCohostsTable;
  meeting_schedules: MeetingSchedulesTable;
  meeting_occurrences: MeetingOccurrencesTable;
  meeting_invitations: MeetingInvitationsTable;
  meeting_invitation_tokens: MeetingInvitationTokensTable;
  calendar_feeds: CalendarFeedsTable;
  live_room_memory: LiveRoomMemoryTable;
  group_space_messages: GroupSpaceMessagesTable;
  group_space_members: GroupSpaceMembersTable;
  group_space_host_digests: GroupSpaceHostDigestsTable;
  chat_messages: ChatMessagesTable;
  polls: PollsTable;
  poll_votes: PollVotesTable;
}

export interface InstanceSettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Generated<Date>;
}

/** Written from the application's clock, so that tests can inject one. */
type Timestamp = ColumnType<Date, Date, Date>;
type NullableTimestamp = ColumnType<Date | null, Date | null | undefined, Date | null>;

export type UserRole = 'platform_admin' | 'host';
export type UserStatus = 'invited' | 'active' | 'deactivated';
export type Language = 'de' | 'en';

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  contact: ColumnType<string, string | undefined, string>;
  notes: ColumnType<string, string | undefined, string>;
  status: ColumnType<
    'active' | 'deactivated',
    'active' | 'deactivated' | undefined,
    'active' | 'deactivated'
  >;
  created_at: Timestamp;
  updated_at: Timestamp;
  deactivated_at: NullableTimestamp;
  /** Days chat and polls of this organisation's meetings are kept; null: the platform's default. */
  chat_retention_days: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  role: UserRole;
  status: ColumnType<UserStatus, UserStatus | undefined, UserStatus>;
  language: ColumnType<Language, Language | undefined, Language>;
  password_hash: string | null;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deactivated_at: NullableTimestamp;
}

export interface OrganisationMembersTable {
  organisation_id: string;
  user_id: string;
  created_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export type AccountTokenPurpose = 'setup' | 'password_reset' | 'email_change';

export interface AccountTokensTable {
  token_hash: string;
  user_id: string;
  purpose: AccountTokenPurpose;
  new_email: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: NullableTimestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_user_id: string | null;
  actor_role: UserRole | 'system';
  action: string;
  organisation_id: string | null;
  target_type: string | null;
  target_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export type MailStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface MailOutboxTable {
  id: Generated<string>;
  recipient: string;
  template: string;
  language: Language;
  subject: string;
  text_body: string | null;
  html_body: string | null;
  status: ColumnType<MailStatus, MailStatus | undefined, MailStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  locked_until: NullableTimestamp;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
  /** JSON array of MailAttachment; written as a JSON string. */
  attachments: ColumnType<MailAttachment[] | null, string | null | undefined, string | null>;
}

/** A file sent with a mail, e.g. the .ics of an invitation. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export type MeetingKind = 'single' | 'series';
export type OccurrenceStatus = 'scheduled' | 'moved' | 'cancelled';
export type InvitationStatus = 'active' | 'declined' | 'revoked';

export interface MeetingsTable {
  id: Generated<string>;
  organisation_id: string;
  host_user_id: string | null;
  created_by_user_id: string | null;
  kind: MeetingKind;
  number: string;
  title: string;
  description: string;
  time_zone: string;
  passcode: string | null;
  /** Meeting-wide dial-in PIN; null when the host has not switched it on. */
  phone_pin: ColumnType<string | null, string | null | undefined, string | null>;
  waiting_room: boolean;
  join_before_host: boolean;
  mute_on_entry: boolean;
  camera_off_on_entry: boolean;
  chat_enabled: boolean;
  dial_in_enabled: boolean;
  e2ee: boolean;
  max_participants: number;
  reminder_minutes: number | null;
  status: ColumnType<'active' | 'cancelled', 'active' | 'cancelled' | undefined, 'active' | 'cancelled'>;
  first_start_at: Timestamp;
  last_end_at: Timestamp;
  attack_alerted_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  cancelled_at: NullableTimestamp;
}

export interface MeetingCohostsTable {
  meeting_id: string;
  user_id: string;
}

export interface MeetingSchedulesTable {
  id: Generated<string>;
  meeting_id: string;
  rrule: string | null;
  first_start: string;
  duration_minutes: number;
  sequence: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
}

export interface MeetingOccurrencesTable {
  id: Generated<string>;
  meeting_id: string;
  schedule_id: string;
  occurrence_key: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: ColumnType<OccurrenceStatus, OccurrenceStatus | undefined, OccurrenceStatus>;
  reminder_sent_at: NullableTimestamp;
}

export interface MeetingInvitationsTable {
  id: Generated<string>;
  meeting_id: string;
  email: string;
  name: string;
  language: Language;
  time_zone: string;
  pin: string;
  status: ColumnType<InvitationStatus, InvitationStatus | undefined, InvitationStatus>;
  last_mail_id: string | null;
  delivery: ColumnType<
    'pending' | 'sent' | 'failed',
    'pending' | 'sent' | 'failed' | undefined,
    'pending' | 'sent' | 'failed'
  >;
  created_by_user_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  ended_at: NullableTimestamp;
}

export interface MeetingInvitationTokensTable {
  token_hash: string;
  invitation_id: string;
  created_at: Timestamp;
  expires_at: NullableTimestamp;
}

export interface CalendarFeedsTable {
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
}

export interface LiveRoomMemoryTable {
  occurrence_id: string;
  /** RoomMemoryRecord (features/rooms/room-memory-fns.ts), written as JSON text. */
  memory: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
}

export interface GroupSpaceMessagesTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  meeting_id: string;
  author_key: string;
  author_name: string;
  author_role: 'host' | 'invitee';
  client_id: string;
  text: string;
  created_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface GroupSpaceMembersTable {
  invitation_id: string;
  removed_at: NullableTimestamp;
  digest: ColumnType<boolean, boolean | undefined, boolean>;
  digest_token_hash: ColumnType<string | null, string | null | undefined, string | null>;
  last_digest_seq: ColumnType<string, string | number | undefined, string | number>;
  last_digest_at: NullableTimestamp;
}

export interface GroupSpaceHostDigestsTable {
  meeting_id: string;
  user_id: string;
  digest: ColumnType<boolean, boolean | undefined, boolean>;
  digest_token_hash: ColumnType<string | null, string | null | undefined, string | null>;
  last_digest_seq: ColumnType<string, string | number | undefined, string | number>;
  last_digest_at: NullableTimestamp;
}

export type ChatAudience = 'everyone' | 'hosts';
export type ChatSenderRole = 'host' | 'cohost' | 'participant';

export interface ChatMessagesTable {
  id: Generated<string>;
  occurrence_id: string;
  seq: number;
  sender_key: string;
  sender_name: string;
  sender_role: ChatSenderRole;
  audience: ChatAudience;
  client_id: string;
  text: string;
  created_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export type PollStatus = 'draft' | 'open' | 'closed';

export interface PollsTable {
  id: Generated<string>;
  occurrence_id: string;
  question: string;
  /** JSON array of option texts. */
  options: string;
  multiple: boolean;
  anonymous: boolean;
  status: PollStatus;
  results_shared: ColumnType<boolean, boolean | undefined, boolean>;
  created_by_key: string;
  created_at: Timestamp;
  opened_at: NullableTimestamp;
  closed_at: NullableTimestamp;
}

export interface PollVotesTable {
  poll_id: string;
  voter_key: string;
  voter_name: string | null;
  /** JSON array of option indexes. */
  choices: string;
  voted_at: Timestamp;
}
