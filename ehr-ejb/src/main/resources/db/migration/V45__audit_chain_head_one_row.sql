-- The audit trail's head is one row (id 1), as the application reads it: a second row would be taken for nothing and
-- hide nothing, but a table that can hold only the one says so to whoever writes it by hand (a restore script).
alter table audit_chain_head add constraint audit_chain_head_one_row check (id = 1);
