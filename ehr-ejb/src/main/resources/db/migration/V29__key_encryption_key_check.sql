-- The check value of the key-encryption key that this node's keys are wrapped (a proxy's re-keys sealed) under,
-- recorded the first time the node keystore is opened. A node whose keystore is missing, or holds another key, then
-- refuses key custody instead of creating a new key that would open none of the keys in this database.
create table key_encryption_key_check (
    id smallint not null primary key,
    check_value varchar(64) not null,
    recorded_at timestamp default current_timestamp not null,
    constraint key_encryption_key_check_one_row check (id = 1)
);
