-- The number of the latest call a proxy applied for each re-key (a delivery or a withdrawal), as its custodian
-- numbered it: a call with a lower number changes nothing, so that a delivery that stalled on its way can never land
-- after the withdrawal that followed it. Kept after a withdrawal, as what refuses such a delivery: one row per re-key
-- a custodian ever called for. A call without a number (a custodian of an earlier version) counts as 0. Hospital nodes
-- leave the table empty.
create table proxy_re_key_generation (
    custodian         varchar(42)   not null,
    owner_fingerprint varchar(64)   not null,
    delegatee         varchar(42)   not null,
    generation        bigint        not null,
    applied_at        timestamp(6) with time zone not null,
    primary key (custodian, owner_fingerprint, delegatee)
);
