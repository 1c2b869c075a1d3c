-- A record another hospital shared is anchored by its custodian. Earlier versions queued an anchor for it anyway: the
-- chain refused every attempt (the record id is taken, by another account), and the command came back every five
-- minutes as a conflict in the server log. Those commands are removed; the application no longer queues them.
delete from outbox_command
where kind = 'chain.anchor-record'
  and subject in (select id from health_record where received_from is not null);
