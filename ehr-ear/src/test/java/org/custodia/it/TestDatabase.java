package org.custodia.it;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The database of the test domain. With {@code it.database=postgresql} (the build's second integration-test run)
 * it starts a real PostgreSQL server on the port the PostgreSQL test domain's pool points to, once for the run;
 * otherwise the domain uses its embedded H2 file database and nothing needs starting. Registered for every test
 * class through JUnit's extension auto-detection (so in-container test classes need not reference it).
 */
public final class TestDatabase implements BeforeAllCallback {

    private static volatile EmbeddedPostgres running;

    /** The PostgreSQL test server of this run, for scenarios that act on the database itself. */
    static EmbeddedPostgres postgres() {
        EmbeddedPostgres server = running;
        if (server == null) {
            throw new IllegalStateException("no PostgreSQL test server runs: this scenario is for it.database="
                    + "postgresql only");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if ("postgresql".equals(System.getProperty("it.database", "h2"))) {
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(TestDatabase.class.getName(), key -> new RunningPostgres(),
                            RunningPostgres.class);
        }
    }

    /** Owns the server for the run; JUnit closes it at the end. */
    private static final class RunningPostgres implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final EmbeddedPostgres server;

        RunningPostgres() {
            try {
                server = EmbeddedPostgres.builder()
                        .setPort(Integer.parseInt(System.getProperty("it.pg.port")))
                        .start();
                running = server;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the PostgreSQL test server", e);
            }
        }

        @Override
        public void close() throws IOException {
            running = null;
            server.close();
        }
    }
}
