-- Group space between meetings (issue #6): a message board per series for its hosts and invitees.
-- Text is deleted 30 days after it was written (features/group-space/group-space-jobs.ts), or at once when a host
-- removes a message; removing a person from the space is a flag on their membership (their invitation stays).
-- Invitees get at most one email digest of new messages a day, which they can switch off.
create table group_space_messages (
  id uuid primary key default gen_random_uuid(),
  seq bigserial not null unique,
  meeting_id uuid not null references meetings (id) on delete cascade,
  -- 'user:<id>' (a host) or 'invitation:<id>' (an invitee): who may resend with the same client id.
  author_key text not null,
  author_name text not null,
  author_role text not null check (author_role in ('host', 'invitee')),
  client_id text not null,
  text text not null,
  created_at timestamptz not null,
  deleted_at timestamptz,
  unique (meeting_id, author_key, client_id)
);

create index group_space_messages_meeting on group_space_messages (meeting_id, seq);
create index group_space_messages_created on group_space_messages (created_at);

-- One row per invitee who was removed or has had a digest; absent means: member, digest on, none sent yet.
create table group_space_members (
  invitation_id uuid primary key references meeting_invitations (id) on delete cascade,
  removed_at timestamptz,
  digest boolean not null default true,
  -- SHA-256 of the one-click opt-out token in the newest digest mail.
  digest_token_hash text unique,
  last_digest_seq bigint not null default 0,
  last_digest_at timestamptz
);
