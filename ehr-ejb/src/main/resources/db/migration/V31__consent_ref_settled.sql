-- Whether a consent entry no longer waits for staff: a request decided (approved or denied), an emergency access
-- reviewed. Written from the chain's state whenever the node reads an entry: as it learns of the entry and of each
-- decision, after its own decisions, and as a list reads it. The lists of open requests and of emergency accesses
-- to review select the entries not marked settled before reading them from the chain, so that their cost does not
-- grow with every entry decided before. Null for entries noted before this column: their state is not known here
-- until the node next reads them.
alter table consent_ref add column settled boolean;
