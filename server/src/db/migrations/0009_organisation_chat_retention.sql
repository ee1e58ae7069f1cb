-- Chat retention per organisation (issue #6): in-meeting chat, polls and the group space of an organisation's
-- meetings are deleted after this many days; null keeps the platform's default (setting chat_retention_days).
alter table organisations
  add column chat_retention_days integer check (chat_retention_days between 1 and 365);
