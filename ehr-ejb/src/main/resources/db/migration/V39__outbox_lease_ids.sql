-- Each claim of a command gets a lease id of its own. An attempt settles its command (done, or rescheduled) only
-- while it holds that lease: one that outlived its lease, or whose lease was released at a stop or a start, changes
-- nothing, and the attempt that took the command after it settles it.
alter table outbox_command add column lease_id varchar(36);
