-- Account lifecycle and audit review. A password an administrator set (at creation or by a reset) must be changed
-- by its owner before the account can do anything else. The audit trail is searched by actor, action, subject and
-- time, and each entry is set beside its chain event.
alter table staff_member add column password_change_required boolean default false not null;

create index audit_entry_actor on audit_entry (actor, occurred_at);
create index audit_entry_action on audit_entry (action, occurred_at);
create index audit_entry_subject on audit_entry (subject, occurred_at);
create index chain_event_subject on chain_event (name, subject);
