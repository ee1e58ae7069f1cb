-- In-meeting chat and polls (issue #6), stored with the meeting occurrence they belong to.
-- Chat text is deleted 30 days after the occurrence ended (meetings-jobs.ts, docs/privacy/retention.md), or blanked
-- at once when a host deletes a message. Polls and their votes go with the occurrence in the same way.
create table chat_messages (
  id uuid primary key default gen_random_uuid(),
  occurrence_id uuid not null references meeting_occurrences (id) on delete cascade,
  -- Order within the occurrence: 1, 2, 3 … assigned by the server when the message is stored.
  seq integer not null,
  -- The live room's identity key ('user:<id>', 'invitation:<id>', 'anonymous:<random>'): who may resend.
  sender_key text not null,
  -- The name and role as they were when the message was written.
  sender_name text not null,
  sender_role text not null check (sender_role in ('host', 'cohost', 'participant')),
  audience text not null check (audience in ('everyone', 'hosts')),
  client_id text not null,
  text text not null,
  created_at timestamptz not null,
  deleted_at timestamptz,
  unique (occurrence_id, seq),
  unique (occurrence_id, sender_key, client_id)
);

create table polls (
  id uuid primary key default gen_random_uuid(),
  occurrence_id uuid not null references meeting_occurrences (id) on delete cascade,
  question text not null,
  -- JSON array of option texts, in order; votes refer to their index.
  options text not null,
  multiple boolean not null,
  anonymous boolean not null,
  status text not null check (status in ('draft', 'open', 'closed')),
  results_shared boolean not null default false,
  created_by_key text not null,
  created_at timestamptz not null,
  opened_at timestamptz,
  closed_at timestamptz
);
create index polls_occurrence on polls (occurrence_id, created_at);

create table poll_votes (
  poll_id uuid not null references polls (id) on delete cascade,
  voter_key text not null,
  -- Only for named polls; anonymous polls keep who voted (one vote each) but never a name.
  voter_name text,
  -- JSON array of option indexes.
  choices text not null,
  voted_at timestamptz not null,
  primary key (poll_id, voter_key)
);
