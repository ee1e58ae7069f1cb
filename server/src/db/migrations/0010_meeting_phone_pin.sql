-- Meeting-wide dial-in PIN (issue #7): when the host switches it on, callers with this PIN join as "Telefon 1",
-- "Telefon 2", … instead of under an invitee's name. Null: switched off. Kept as is like the passcode and the
-- personal PINs: the host must see it to share it (docs/privacy/meetings.md). Unique among the meeting's PINs by
-- the application (generated under the meeting's row lock, like invitation PINs).
alter table meetings
  add column phone_pin text check (phone_pin ~ '^[0-9]{6}$');
