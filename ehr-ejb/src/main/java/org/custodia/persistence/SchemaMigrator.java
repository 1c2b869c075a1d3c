package org.custodia.persistence;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

/** Runs the Flyway migrations in {@code db/migration}; shared by the container and by tests outside it. */
public final class SchemaMigrator {

    static final String LOCATION = "classpath:db/migration";

    private SchemaMigrator() {
    }

    /** Applies pending migrations and returns the schema version now in the database. */
    public static String migrate(DataSource dataSource, ClassLoader classLoader) {
        Flyway flyway = Flyway.configure(classLoader)
                .dataSource(dataSource)
                .locations(LOCATION)
                .validateMigrationNaming(true)
                .load();
        flyway.migrate();
        MigrationVersion version = flyway.info().current() == null ? null : flyway.info().current().getVersion();
        return version == null ? null : version.getVersion();
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
