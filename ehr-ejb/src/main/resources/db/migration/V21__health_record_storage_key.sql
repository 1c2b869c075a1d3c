-- The start-up sweep of the file store asks which envelopes a record refers to, a batch of storage keys at a time.
create index health_record_storage_key on health_record (storage_key);
