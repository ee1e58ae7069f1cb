-- Meetings, recurring series, occurrences, personal invitations and calendar feeds (issue #4).
-- Every time column is written by the application from its clock. Retention: docs/privacy/retention.md.

-- A meeting people join: one meeting ID, passcode, settings and list of invitees, whether it happens once or
-- as a series. Its dates are in meeting_schedules / meeting_occurrences.
create table meetings (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id) on delete cascade,
  -- Null once the host's account has been deleted (retention); a platform admin can assign another host.
  host_user_id uuid references users (id) on delete set null,
  created_by_user_id uuid references users (id) on delete set null,
  kind text not null check (kind in ('single', 'series')),
  -- The meeting ID typed on a phone keypad: digits, random, unique.
  number text not null unique check (number ~ '^[1-9][0-9]{9,19}$'),
  title text not null check (length(title) between 1 and 200),
  description text not null default '' check (length(description) <= 4000),
  time_zone text not null check (length(time_zone) between 1 and 64),
  -- Shown to the host and in the invitation text they share, so kept as typed (docs/privacy/meetings.md).
  passcode text check (length(passcode) between 6 and 64),
  waiting_room boolean not null,
  join_before_host boolean not null,
  mute_on_entry boolean not null,
  camera_off_on_entry boolean not null,
  chat_enabled boolean not null,
  dial_in_enabled boolean not null,
  e2ee boolean not null,
  max_participants integer not null check (max_participants between 2 and 1000),
  reminder_minutes integer check (reminder_minutes between 10 and 10080),
  status text not null default 'active' check (status in ('active', 'cancelled')),
  -- Start of the first and end of the last occurrence: dashboard lists and retention.
  first_start_at timestamptz not null,
  last_end_at timestamptz not null,
  -- Last "someone is guessing the passcode" mail to the host (at most one an hour).
  attack_alerted_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  cancelled_at timestamptz
);
create index meetings_organisation_idx on meetings (organisation_id, last_end_at);
create index meetings_host_idx on meetings (host_user_id, last_end_at);
create index meetings_last_end_idx on meetings (last_end_at);

create table meeting_cohosts (
  meeting_id uuid not null references meetings (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  primary key (meeting_id, user_id)
);
create index meeting_cohosts_user_idx on meeting_cohosts (user_id);

-- When a meeting happens, as RFC 5545 keeps it: a single meeting has one row without rule; a series has one row
-- per rule, a new one each time "this and following" changes the rhythm. Each row is one calendar entry: its id
-- is the iCalendar UID, `sequence` its SEQUENCE.
create table meeting_schedules (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references meetings (id) on delete cascade,
  rrule text check (length(rrule) <= 210),
  first_start text not null check (first_start ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$'),
  duration_minutes integer not null check (duration_minutes between 1 and 1440),
  sequence integer not null default 0 check (sequence >= 0),
  created_at timestamptz not null
);
create index meeting_schedules_meeting_idx on meeting_schedules (meeting_id, first_start);

-- Every occurrence, materialised when its schedule is written (at most 200 per rule), so that each has a stable
-- id for chat, attendance and polls. The exceptions of a rule are the rows that are not 'scheduled'.
create table meeting_occurrences (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references meetings (id) on delete cascade,
  schedule_id uuid not null references meeting_schedules (id) on delete cascade,
  -- The original wall-clock start in the meeting's zone; stays when the occurrence is moved.
  occurrence_key text not null check (occurrence_key ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$'),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  status text not null default 'scheduled' check (status in ('scheduled', 'moved', 'cancelled')),
  reminder_sent_at timestamptz,
  -- Deferred: "this and following" re-keys rows one by one within its transaction.
  constraint meeting_occurrences_key_unique unique (meeting_id, occurrence_key) deferrable initially deferred
);
create index meeting_occurrences_start_idx on meeting_occurrences (starts_at);
create index meeting_occurrences_meeting_idx on meeting_occurrences (meeting_id, starts_at);
create index meeting_occurrences_schedule_idx on meeting_occurrences (schedule_id);

-- A personal invitation: one per address and meeting (a series: one for the whole series).
create table meeting_invitations (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references meetings (id) on delete cascade,
  email text not null check (length(email) between 3 and 254 and email = lower(email)),
  name text not null default '' check (length(name) <= 200),
  language text not null check (language in ('de', 'en')),
  time_zone text not null check (length(time_zone) between 1 and 64),
  -- Personal dial-in PIN, unique within the meeting; a secret kept as is (docs/privacy/meetings.md).
  pin text not null check (pin ~ '^[0-9]{6}$'),
  status text not null default 'active' check (status in ('active', 'declined', 'revoked')),
  -- The newest mail sent about this invitation: its outbox state is the invitation's delivery state. The
  -- meetings job copies a final state into `delivery` before outbox retention deletes the mail row.
  last_mail_id uuid references mail_outbox (id) on delete set null,
  delivery text not null default 'pending' check (delivery in ('pending', 'sent', 'failed')),
  created_by_user_id uuid references users (id) on delete set null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  -- When it was declined or revoked.
  ended_at timestamptz,
  unique (meeting_id, email),
  unique (meeting_id, pin)
);
create index meeting_invitations_ended_idx on meeting_invitations (status, ended_at);

-- Personal join links (/j/<token>): only the SHA-256 of each 256-bit token. Every mail with a link carries a new
-- token; all stay valid until the invitation is resent, declined or revoked. Reminder links expire.
create table meeting_invitation_tokens (
  token_hash text primary key check (length(token_hash) = 64),
  invitation_id uuid not null references meeting_invitations (id) on delete cascade,
  created_at timestamptz not null,
  expires_at timestamptz
);
create index meeting_invitation_tokens_invitation_idx on meeting_invitation_tokens (invitation_id);
create index meeting_invitation_tokens_expires_idx on meeting_invitation_tokens (expires_at);

-- A host's private calendar subscription (/api/calendar/<token>.ics); only the token's SHA-256.
create table calendar_feeds (
  user_id uuid primary key references users (id) on delete cascade,
  token_hash text not null unique check (length(token_hash) = 64),
  created_at timestamptz not null
);

-- Attachments of outgoing mail (the .ics of invitations); cleared together with the bodies once sent.
alter table mail_outbox add column attachments jsonb check (octet_length(attachments::text) <= 400000);
