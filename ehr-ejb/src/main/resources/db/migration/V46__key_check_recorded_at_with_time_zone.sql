-- When the key-encryption key's check value was recorded, as an instant like every other time the node keeps (the
-- column was the database's local time without a zone, which reads differently on a server in another zone).
alter table key_encryption_key_check alter column recorded_at set data type timestamp(6) with time zone;
