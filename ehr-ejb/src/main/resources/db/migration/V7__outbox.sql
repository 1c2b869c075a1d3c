-- One transactional outbox for everything that must leave the node exactly once (chain transactions now,
-- deliveries to other nodes next). A command is keyed by its kind and subject; a lease names the run of the
-- application that holds it, so the next run can release what a stopped or crashed run left leased.
create table outbox_command (
    id                  varchar(200)  not null primary key,
    kind                varchar(32)   not null,
    subject             varchar(160)  not null,
    attempts            integer       not null,
    next_attempt_at     timestamp(6) with time zone not null,
    leased_by           varchar(36),
    pending_transaction varchar(66),
    last_error          varchar(1024),
    created_at          timestamp(6) with time zone not null,
    constraint outbox_command_unique unique (kind, subject)
);

create index outbox_command_due on outbox_command (next_attempt_at);

-- Pending anchors move over unchanged (a lease of the old table is kept as a due time, as it was).
insert into outbox_command (id, kind, subject, attempts, next_attempt_at, leased_by, pending_transaction, last_error,
                            created_at)
select 'chain.anchor-record:' || record_id, 'chain.anchor-record', record_id, attempts, next_attempt_at, null,
       pending_transaction, last_error, created_at
from anchor_outbox;

drop table anchor_outbox;
