-- The account an event names beside the one who caused it, where the audit page needs it to tell whose event it is:
-- for AccessLogged, the hospital that accessed the record (the proxy that logged it is the actor). Null for events
-- journaled before, and for the other events.
alter table chain_event add column counterpart varchar(42);
