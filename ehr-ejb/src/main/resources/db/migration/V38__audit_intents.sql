-- What a staff member set out to do, written before a step the node cannot undo (a consent change's transaction on
-- chain): the action's audit entry replaces it in one transaction once the outcome is known. One left by a node that
-- stopped in between becomes an entry whose outcome is not known at the next start, so that a change the chain holds
-- is never without the entry naming who made it.
create table audit_intent (
    id         uuid          not null primary key,
    written_at timestamp(6) with time zone not null,
    actor      varchar(128)  not null,
    action     varchar(64)   not null,
    subject    varchar(128),
    detail     varchar(1024)
);

create index audit_intent_written_at on audit_intent (written_at);
