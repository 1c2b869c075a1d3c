-- Lists read newest first use indexes kept in that order: H2 reads an index in its own order only, so an ascending
-- index left a descending list to read and sort every row of the table (PostgreSQL reads either way).
--
-- The lists of open access requests and of emergency accesses to review select the entries not marked settled: with
-- the state in the index, a page reads the open entries it shows, not every entry decided before. Entries noted
-- before the node kept their state count as open until a list reads them from the chain, as they did when null.
update consent_ref set settled = false where settled is null;
alter table consent_ref alter column settled set default false;
alter table consent_ref alter column settled set not null;

drop index consent_ref_listing;
create index consent_ref_newest on consent_ref (kind, direction, settled, chain_id desc);
create index consent_ref_listing_newest on consent_ref (kind, direction, chain_id desc);
-- the emergency accesses to review in both directions (the API's list without a direction)
create index consent_ref_open_newest on consent_ref (kind, settled, chain_id desc);

-- Re-keys are reconciled for one hospital when its membership changes: its entries, without reading the others.
create index consent_ref_counterpart on consent_ref (counterpart, kind, direction);

-- The node's journal of chain events, latest first. On PostgreSQL, which reads the primary key backwards, it repeats
-- that key; one index more per journaled event is what H2, the default database, needs to read it in that order.
create index chain_event_newest on chain_event (block_number desc, log_index desc);
