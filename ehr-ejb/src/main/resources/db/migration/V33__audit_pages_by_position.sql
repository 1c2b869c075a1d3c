-- A review reads the audit trail a page at a time, newest first, each page from the position (time, then id) of the
-- last entry of the page before. Each index serves that order as it stands, so that a page reads what it shows
-- instead of sorting every entry its filter selects; they replace the indexes of the same columns without the id.
drop index audit_entry_occurred_at;
drop index audit_entry_actor;
drop index audit_entry_action;
drop index audit_entry_subject;

create index audit_entry_newest on audit_entry (occurred_at desc, id desc);
create index audit_entry_actor on audit_entry (actor, occurred_at desc, id desc);
create index audit_entry_action on audit_entry (action, occurred_at desc, id desc);
create index audit_entry_subject on audit_entry (subject, occurred_at desc, id desc);
