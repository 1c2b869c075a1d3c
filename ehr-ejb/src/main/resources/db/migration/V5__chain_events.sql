-- The node's journal of the access contracts' events, one row per event, keyed by its position on the chain.
create table chain_event (
    block_number     bigint        not null,
    log_index        integer       not null,
    block_hash       varchar(66)   not null,
    transaction_hash varchar(66)   not null,
    contract         varchar(42)   not null,
    name             varchar(64)   not null,
    actor            varchar(42),
    subject          varchar(128)  not null,
    received_at      timestamp(6) with time zone not null,
    deliveries       integer       not null,
    primary key (block_number, log_index)
);

create index chain_event_name on chain_event (name, block_number);
