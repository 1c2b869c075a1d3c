-- A patient's records are listed a page at a time, newest first, each page from the position (time kept, then id) of
-- the last record of the page before. This index serves that order as it stands, so that a page reads what it shows
-- instead of sorting every record of the patient; it replaces the index of the same columns without the id.
drop index health_record_patient;

create index health_record_patient_newest on health_record (patient_id, created_at desc, id desc);
