-- The nonces of accepted node-to-node calls (RFC 9421 signatures, see org.custodia.nodeapi), one row per caller and
-- nonce, so that a signed call is accepted once, across restarts too. A row is needed until its signature would be
-- refused as stale anyway (expires_at = created + the signature window); expired rows are purged every minute.
create table node_call_nonce (
    keyid      varchar(42)   not null,
    nonce      varchar(64)   not null,
    created_at timestamp(6) with time zone not null,
    expires_at timestamp(6) with time zone not null,
    primary key (keyid, nonce)
);

create index node_call_nonce_expires on node_call_nonce (expires_at);
