-- The grants and access requests this node is sending, or sent without learning their outcome, as PendingConsentSends
-- holds the same change back meanwhile: kept here so that a node that restarts still holds them back. A row names its
-- change (kind, scope, counterpart and purpose) by the SHA-256 of their description only. It goes when the change is
-- settled (it took effect, or cannot have), is replaced when the same change is sent again, and is deleted a week
-- after its last change whatever it says.
create table consent_send (
    change_digest     varchar(64)  not null primary key,
    started_at        timestamp(6) with time zone not null,
    unconfirmed_since timestamp(6) with time zone,
    transaction_hash  varchar(66)
);
