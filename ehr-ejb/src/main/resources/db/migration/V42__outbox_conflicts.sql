-- A command whose last attempt found it can never take effect as it stands (another anchor under the same id, an
-- audit head that differs from the one anchored, a kind this version has no handler for) needs an operator: since
-- when it has been in that state, null otherwise. Administrators see such commands, and those failing, on the
-- status page and through GET /api/outbox; the log says so once per state, not at every retry.
alter table outbox_command add column conflict_since timestamp(6) with time zone;
