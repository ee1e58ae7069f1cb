-- Instance-wide settings edited by platform admins (association name, privacy notice, …), one row per key.
create table instance_settings (
  key text primary key check (length(key) <= 100),
  value jsonb not null,
  updated_at timestamptz not null default now()
);
