-- The audit trail's head is anchored on chain through the outbox (chain.anchor-audit-head), at most once per
-- custodia.audit.anchor-interval. The head row keeps the sequence last handed to the outbox for anchoring (0 before
-- the first) and when, so that a restart neither anchors the same head again nor anchors sooner than the interval.
alter table audit_chain_head add column anchor_requested_sequence bigint default 0 not null;
alter table audit_chain_head add column anchor_requested_at timestamp(6) with time zone;
