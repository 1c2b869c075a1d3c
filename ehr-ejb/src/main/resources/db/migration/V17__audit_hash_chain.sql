-- The audit trail as a hash chain: each entry, once sealed, holds its place in the chain (sequence), the hash of the
-- entry before it and its own hash over both and all its fields. Editing or deleting a sealed entry breaks the
-- chain at that place. Entries written before this migration are sealed first, in the order they were written. The
-- head row holds the newest sealed entry's sequence and hash (0 and zeros before the first).
alter table audit_entry add column sequence bigint;
alter table audit_entry add column previous_hash varchar(64);
alter table audit_entry add column entry_hash varchar(64);
create unique index audit_entry_sequence on audit_entry (sequence);

create table audit_chain_head (
    id          smallint     not null primary key,
    sequence    bigint       not null,
    entry_hash  varchar(64)  not null,
    sealed_at   timestamp(6) with time zone
);
insert into audit_chain_head (id, sequence, entry_hash)
    values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
