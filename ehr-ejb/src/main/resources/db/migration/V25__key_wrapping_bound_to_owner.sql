-- Wrapped PRE private keys are bound to their owner (the patient's id, or this node for its own key pair) as well as
-- to their public key, so that a key pair moved to another row no longer unwraps. key_wrap_format says how a row's
-- private key is wrapped: 1, bound to the public key's fingerprint only (every row written before this migration),
-- or 2, bound to the owner and the fingerprint (every row the application writes since). A hospital unwraps format 2
-- only, and re-wraps format-1 rows to format 2 at start-up, a batch of rows per transaction.
alter table patient add column key_wrap_format smallint default 1 not null;
alter table patient add constraint patient_key_wrap_format check (key_wrap_format in (1, 2));
alter table hospital add column key_wrap_format smallint default 1 not null;
alter table hospital add constraint hospital_key_wrap_format check (key_wrap_format in (1, 2));
