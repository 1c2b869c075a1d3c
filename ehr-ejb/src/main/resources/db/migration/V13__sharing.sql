-- Sharing on a hospital node. consent_ref indexes the consent registry's entries that concern this node (requests
-- to or from it, grants it issued or received, emergency accesses it declared or that concern its patients); the
-- chain holds their state. Records shared by other hospitals are kept in health_record like this node's own, with
-- where they came from: the custodian, the hash it anchored (of the envelope before re-encryption), what allowed
-- the access and the chain transaction that logged it.
create table consent_ref (
    id                varchar(40)   not null primary key,
    kind              varchar(16)   not null,
    chain_id          bigint        not null,
    direction         varchar(8)    not null,
    patient_pseudonym varchar(64)   not null,
    counterpart       varchar(42)   not null,
    expires_at        timestamp(6) with time zone,
    recorded_at       timestamp(6) with time zone not null
);

create index consent_ref_listing on consent_ref (kind, direction, chain_id);
create index consent_ref_patient on consent_ref (patient_pseudonym, counterpart);

alter table health_record add column received_from varchar(42);
alter table health_record add column anchored_hash varchar(64);
alter table health_record add column access_basis varchar(16);
alter table health_record add column access_basis_id bigint;
alter table health_record add column access_log_transaction varchar(66);

-- A command queued again while an attempt at it is under way runs once more after that attempt, instead of the
-- request being lost with the attempt's row (e.g. a revocation arriving while the grant's re-key is being delivered).
alter table outbox_command add column rerun_requested boolean default false not null;
