package org.custodia.web.rest;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import jakarta.resource.ResourceException;

/**
 * Tells a failure that says the node's database cannot be reached (worth retrying; the operator looks at the
 * database) from any other failure (a defect, for the server log). A database outage is a SQL failure whose causes
 * include a connection failure: the connection pool could not allocate a connection, the driver reports a connection
 * exception (SQL state class 08, or its connection exception types), or the server ended the connection (57P01).
 */
public final class DatabaseOutage {

    private static final String CONNECTION_EXCEPTION = "08";
    private static final String ADMINISTRATOR_SHUTDOWN = "57P01";

    private DatabaseOutage() {
    }

    /** Whether {@code failure} is, or was caused by, the database being out of reach. */
    public static boolean causedBy(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean sql = false;
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            sql |= cause instanceof SQLException;
            if (sql && isConnectionFailure(cause)) {
                return true;
            }
        }
        return false;
    }

    /** What a caller is told of an outage, with the reference of its entry in the server log. */
    public static String detail(String reference) {
        return "the node's database cannot be reached, so nothing was done; try again shortly (the server log has "
                + "the details under reference " + reference + ")";
    }

    private static boolean isConnectionFailure(Throwable cause) {
        if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                || cause instanceof ResourceException) {
            return true;
        }
        String state = cause instanceof SQLException sql ? sql.getSQLState() : null;
        return state != null && (state.startsWith(CONNECTION_EXCEPTION) || state.equals(ADMINISTRATOR_SHUTDOWN));
    }
}
