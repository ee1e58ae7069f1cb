-- Group space digests for hosts (issue #6): the series' host and co-hosts get the same at-most-daily summary as
-- invitees, with their own switch and opt-out link. One row per (series, host) once they switched or got a digest.
create table group_space_host_digests (
  meeting_id uuid not null references meetings (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  digest boolean not null default true,
  -- SHA-256 of the one-click opt-out token in the newest digest mail.
  digest_token_hash text unique,
  last_digest_seq bigint not null default 0,
  last_digest_at timestamptz,
  primary key (meeting_id, user_id)
);

create index group_space_host_digests_user on group_space_host_digests (user_id);
