package org.custodia.persistence;

import java.sql.SQLException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.flywaydb.core.api.FlywayException;

/**
 * Brings the database schema to this build's version at start-up (Flyway, scripts in {@code db/migration}).
 *
 * <p>A database that is missing or refuses connections does not fail the deployment: the problem is logged
 * once, in one line, and reported by the readiness check; the next {@link #ensureMigrated()} tries again.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "jdbc/custodia")
    private DataSource dataSource;

    private final Instant startedAt = Instant.now();
    private volatile SchemaState state = SchemaState.notAttempted();

    @PostConstruct
    void migrateAtStartup() {
        ensureMigrated();
    }

    /** Migrates unless already done; returns the resulting state. Safe to call concurrently. */
    public synchronized SchemaState ensureMigrated() {
        if (state.migrated()) {
            return state;
        }
        try {
            String version = SchemaMigrator.migrate(dataSource, getClass().getClassLoader());
            state = SchemaState.migratedTo(version);
            LOG.info(() -> "Database schema is at version " + version);
        } catch (FlywayException e) {
            String problem = "database schema migration failed: " + SchemaMigrator.rootMessage(e)
                    + " (check the jdbc/custodia connection pool and the database server)";
            if (!problem.equals(state.problem())) {
                LOG.log(Level.SEVERE, problem);
            }
            state = SchemaState.failed(problem);
        }
        return state;
    }

    /** The last known state, without touching the database. */
    public SchemaState state() {
        return state;
    }

    /** Whether the database answers right now (a pooled connection validates within the timeout). */
    public String connectionProblem(int timeoutSeconds) {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(timeoutSeconds) ? null : "the database did not answer a validation query";
        } catch (SQLException e) {
            return "no database connection: " + SchemaMigrator.rootMessage(e);
        }
    }

    /** When this run of the application began: the singleton is created first at deployment. */
    public Instant startedAt() {
        return startedAt;
    }
}
