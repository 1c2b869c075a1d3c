package org.custodia.web.health;

import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.custodia.persistence.SchemaMigration;
import org.custodia.persistence.SchemaState;
import org.eclipse.microprofile.health.Readiness;

/** The database answers and its schema is at this build's version (a failed migration is retried here). */
@Readiness
@ApplicationScoped
public class DatabaseCheck extends DependencyCheck {

    private static final int VALIDATION_TIMEOUT_SECONDS = 3;

    @EJB
    private SchemaMigration schema;

    @Override
    protected String name() {
        return "database";
    }

    @Override
    protected String problem() {
        SchemaState state = schema.ensureMigrated();
        return state.migrated() ? schema.connectionProblem(VALIDATION_TIMEOUT_SECONDS) : state.problem();
    }

    @Override
    protected Map<String, String> details() {
        String version = schema.state().appliedVersion();
        return Map.of("datasource", "jdbc/custodia", "schemaVersion", version == null ? "none" : version);
    }
}
