-- The grants this node issued for a patient are listed a page at a time, newest (highest chain id) first, each page
-- below the last grant of the page before. This index serves that order for one patient and one kind of entry, so
-- that a page reads what it shows instead of every entry of the patient; consent_ref_patient still serves the
-- lookups by patient and counterpart.
create index consent_ref_patient_newest on consent_ref (patient_pseudonym, kind, direction, chain_id desc);
