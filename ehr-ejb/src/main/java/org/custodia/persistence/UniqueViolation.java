package org.custodia.persistence;

import java.sql.SQLException;

/**
 * Whether a failed write broke a unique constraint (SQL state 23505 on H2 and PostgreSQL alike): a concurrent writer
 * took the key first. Any other failure of the same write (the database out of reach, a defect) is not a duplicate
 * and must not be reported as one.
 */
public final class UniqueViolation {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolation() {
    }

    /** Whether {@code failure} or one of its causes is a unique constraint violation. */
    public static boolean causedBy(Throwable failure) {
        return Causes.of(failure).stream()
                .anyMatch(cause -> cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState()));
    }
}
