package org.custodia.persistence;

/**
 * Outcome of the last schema migration attempt.
 *
 * @param migrated       whether the schema is at the version this build expects
 * @param appliedVersion the schema version in the database, or {@code null} if unknown
 * @param problem        why the database is not usable, in words an operator can act on; {@code null} when migrated
 */
public record SchemaState(boolean migrated, String appliedVersion, String problem) {

    static SchemaState notAttempted() {
        return new SchemaState(false, null, "schema migration has not run yet");
    }

    static SchemaState failed(String problem) {
        return new SchemaState(false, null, problem);
    }

    static SchemaState migratedTo(String version) {
        return new SchemaState(true, version, null);
    }
}
