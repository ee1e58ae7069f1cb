-- Accounts, organisations, sessions, one-time tokens, audit log and the mail outbox (issue #3).
-- Every time column is written by the application from its clock (tests inject one), never by now().
-- Retention of each table: docs/privacy/retention.md.

create table organisations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  contact text not null default '' check (length(contact) <= 1000),
  notes text not null default '' check (length(notes) <= 4000),
  status text not null default 'active' check (status in ('active', 'deactivated')),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  deactivated_at timestamptz
);
create index organisations_name_idx on organisations (lower(name));

-- Platform admins and hosts. `status`: invited (no password yet), active, deactivated.
create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null unique check (length(email) between 3 and 254 and email = lower(email)),
  name text not null check (length(name) between 1 and 200),
  role text not null check (role in ('platform_admin', 'host')),
  status text not null default 'invited' check (status in ('invited', 'active', 'deactivated')),
  language text not null default 'de' check (language in ('de', 'en')),
  password_hash text check (length(password_hash) <= 500),
  -- Base32 TOTP secrets: the confirmed one, and one being enrolled until its first code is confirmed.
  totp_secret text check (length(totp_secret) <= 200),
  totp_pending_secret text check (length(totp_pending_secret) <= 200),
  -- Last accepted TOTP time step, so a code cannot be replayed.
  totp_last_step integer,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  deactivated_at timestamptz
);
create index users_status_idx on users (status, updated_at);

create table organisation_members (
  organisation_id uuid not null references organisations (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null,
  primary key (organisation_id, user_id)
);
create index organisation_members_user_idx on organisation_members (user_id);

-- Server-side sessions. The cookie holds a random token; only its SHA-256 is stored.
create table sessions (
  id_hash text primary key check (length(id_hash) = 64),
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);
create index sessions_expires_idx on sessions (expires_at);

-- Single-use links (set-up, password reset, email change); only the token's SHA-256 is stored.
create table account_tokens (
  token_hash text primary key check (length(token_hash) = 64),
  user_id uuid not null references users (id) on delete cascade,
  purpose text not null check (purpose in ('setup', 'password_reset', 'email_change')),
  new_email text check (length(new_email) <= 254),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create index account_tokens_user_idx on account_tokens (user_id, purpose);

create table recovery_codes (
  user_id uuid not null references users (id) on delete cascade,
  code_hash text not null check (length(code_hash) = 64),
  used_at timestamptz,
  primary key (user_id, code_hash)
);

-- Who did what, when. No IP addresses; details hold ids and field names, never personal data.
create table audit_log (
  id uuid primary key default gen_random_uuid(),
  at timestamptz not null,
  actor_user_id uuid references users (id) on delete set null,
  actor_role text not null check (actor_role in ('platform_admin', 'host', 'system')),
  action text not null check (length(action) <= 100),
  organisation_id uuid references organisations (id) on delete set null,
  target_type text check (length(target_type) <= 50),
  target_id text check (length(target_id) <= 100),
  details jsonb not null default '{}'
);
create index audit_log_at_idx on audit_log (at desc);
create index audit_log_actor_idx on audit_log (actor_user_id, at desc);
create index audit_log_organisation_idx on audit_log (organisation_id, at desc);

-- Every email is a row written in the transaction of the action that causes it; a worker sends it after commit.
create table mail_outbox (
  id uuid primary key default gen_random_uuid(),
  recipient text not null check (length(recipient) <= 254),
  template text not null check (length(template) <= 50),
  language text not null check (language in ('de', 'en')),
  subject text not null check (length(subject) <= 300),
  -- Bodies (they can hold one-time links) are cleared once the mail is sent or has failed for good.
  text_body text check (length(text_body) <= 100000),
  html_body text check (length(html_body) <= 200000),
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  locked_until timestamptz,
  last_error text check (length(last_error) <= 500),
  created_at timestamptz not null,
  finished_at timestamptz
);
create index mail_outbox_due_idx on mail_outbox (status, next_attempt_at);
create index mail_outbox_created_idx on mail_outbox (created_at);
