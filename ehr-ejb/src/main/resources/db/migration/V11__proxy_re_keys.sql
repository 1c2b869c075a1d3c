-- The re-encryption keys a proxy node holds (see org.custodia.proxy), one row per custodian hospital, owner key
-- (hex of the SHA-256 of the patient's PRE public key) and delegatee hospital: a custodian's repeated delivery
-- replaces its row. The re-key is stored only sealed under the node's key-encryption key, bound to the row's key,
-- so a sealed value copied to another row does not open. Hospital nodes leave the table empty.
create table proxy_re_key (
    custodian         varchar(42)   not null,
    owner_fingerprint varchar(64)   not null,
    delegatee         varchar(42)   not null,
    sealed_re_key     bytea         not null,
    stored_at         timestamp(6) with time zone not null,
    primary key (custodian, owner_fingerprint, delegatee)
);
