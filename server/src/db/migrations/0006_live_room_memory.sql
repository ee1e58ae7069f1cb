-- What a live meeting must not forget when the server restarts (issue #5, resilience): lock, removals,
-- the self-unmute switch, and who was admitted (identity, role, hash of their latest resume token), so that
-- reconnecting clients keep their place instead of going back to the waiting room. Deleted when the meeting
-- ends or empties, and by the retention job one day after its last change.
create table live_room_memory (
  occurrence_id uuid primary key references meeting_occurrences (id) on delete cascade,
  memory jsonb not null,
  updated_at timestamptz not null
);

create index live_room_memory_updated_at on live_room_memory (updated_at);
