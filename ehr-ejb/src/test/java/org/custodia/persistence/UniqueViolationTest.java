package org.custodia.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

import jakarta.persistence.PersistenceException;

import org.junit.jupiter.api.Test;

/** A duplicate key is told from every other failure of the same write. */
class UniqueViolationTest {

    @Test
    void aDuplicateKeyUnderTheProvidersExceptionIsAUniqueViolation() {
        assertTrue(UniqueViolation.causedBy(new PersistenceException("could not execute statement",
                new SQLException("Unique index or primary key violation", "23505"))));
    }

    @Test
    void theDatabaseOutOfReachOrAnotherConstraintIsNot() {
        assertFalse(UniqueViolation.causedBy(new PersistenceException("could not execute statement",
                new SQLNonTransientConnectionException("Database is already closed", "90121"))));
        assertFalse(UniqueViolation.causedBy(new PersistenceException("could not execute statement",
                new SQLException("null value in column violates not-null constraint", "23502"))));
        assertFalse(UniqueViolation.causedBy(new PersistenceException("no cause")));
    }

    @Test
    void aCauseThatLoopsEnds() {
        RuntimeException first = new RuntimeException("first");
        first.initCause(new RuntimeException("second", first));
        assertFalse(UniqueViolation.causedBy(first));
    }
}
