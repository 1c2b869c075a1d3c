-- When an account's password was last set (by an administrator or its owner) or the account disabled: a signed-in
-- session that began before it ends at its next request.
alter table staff_member add column credentials_changed_at timestamp(6) with time zone;
