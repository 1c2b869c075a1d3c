-- A review by patient id finds the entries whose detail names the patient (a record's upload: "patient <id>, ...")
-- through an index, where it read every entry's detail. The value is derived from the detail alone (NamedPatient),
-- here for the entries written so far with the same reading, so that the trail's check can compare the two.
alter table audit_entry add column named_patient varchar(36);
update audit_entry set named_patient = substring(detail from 9 for 36)
    where detail like 'patient ________-____-____-____-____________%';
create index audit_entry_named_patient on audit_entry (named_patient, occurred_at desc, id desc);
