-- The hospital node's own record keeping: its identity, staff, patients, health records and the anchor outbox.
-- Private keys are stored only wrapped under the node's key-encryption key; demographics (name, birth date,
-- national id) only sealed under it. The national id itself is never stored in clear: patients are found by it
-- through their pseudonym.

-- The node's hospital identity: one row (id 1) with its PRE key pair, created at first start.
create table hospital (
    id                  smallint      not null primary key,
    public_key          bytea         not null,
    wrapped_private_key bytea         not null,
    created_at          timestamp(6) with time zone not null,
    constraint hospital_single_row check (id = 1)
);

-- Staff accounts: the identity store the container authenticates against (PBKDF2 password hashes).
create table staff_member (
    username      varchar(64)   not null primary key,
    display_name  varchar(200)  not null,
    password_hash varchar(512)  not null,
    active        boolean       not null,
    created_at    timestamp(6) with time zone not null
);

create table staff_role (
    username varchar(64) not null references staff_member (username),
    role     varchar(32) not null,
    primary key (username, role)
);

-- Patients this hospital is custodian for. The MRN is the hospital's local identifier; it never leaves the node.
create table patient (
    id                  uuid          not null primary key,
    mrn                 varchar(64)   not null,
    pseudonym           varchar(64)   not null,
    sealed_demographics bytea         not null,
    public_key          bytea         not null,
    wrapped_private_key bytea         not null,
    registered_at       timestamp(6) with time zone not null,
    registered_by       varchar(64)   not null,
    constraint patient_mrn_unique unique (mrn),
    constraint patient_pseudonym_unique unique (pseudonym)
);

-- Health records: metadata of an envelope in the file store and the state of its anchor on chain.
create table health_record (
    id                 varchar(64)   not null primary key,
    patient_id         uuid          not null references patient (id),
    category           varchar(32)   not null,
    title              varchar(200)  not null,
    content_type       varchar(128)  not null,
    size_bytes         bigint        not null,
    envelope_hash      varchar(64)   not null,
    envelope_size      bigint        not null,
    storage_key        varchar(128)  not null,
    anchor_status      varchar(16)   not null,
    anchor_transaction varchar(66),
    anchor_block       bigint,
    anchored_at        timestamp(6) with time zone,
    created_at         timestamp(6) with time zone not null,
    created_by         varchar(64)   not null
);

create index health_record_patient on health_record (patient_id, created_at);

-- Anchors still to be written on chain: one row per pending record, removed in the transaction that marks the
-- record anchored.
create table anchor_outbox (
    record_id           varchar(64)   not null primary key references health_record (id),
    attempts            integer       not null,
    next_attempt_at     timestamp(6) with time zone not null,
    pending_transaction varchar(66),
    last_error          varchar(1024),
    created_at          timestamp(6) with time zone not null
);

create index anchor_outbox_due on anchor_outbox (next_attempt_at);
