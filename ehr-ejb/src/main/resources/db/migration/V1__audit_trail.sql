-- The node's append-only audit trail.
create table audit_entry (
    id          uuid          not null primary key,
    occurred_at timestamp(6) with time zone not null,
    actor       varchar(128)  not null,
    action      varchar(64)   not null,
    subject     varchar(128),
    outcome     varchar(16)   not null,
    detail      varchar(1024)
);

create index audit_entry_occurred_at on audit_entry (occurred_at);
