package org.custodia.persistence;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.resource.ResourceException;

/**
 * Tells a failure that says the node's database cannot be reached (worth retrying; the operator looks at the
 * database) from any other failure (a defect, for the server log). A database outage is a SQL failure whose causes
 * include a connection failure: a connection exception of the driver (its connection exception types, SQL state class
 * 08, a refused socket) or the server ending the connection (57P01-57P03); and, while the container's pool allocates a
 * connection, the server refusing it (not accepting connections 55000, too many connections 53300). A pool that
 * merely has no free connection, or a transaction that timed out, is not an outage.
 */
public final class DatabaseOutage {

    private static final String CONNECTION_EXCEPTION = "08";
    private static final Set<String> SERVER_ENDED = Set.of("57P01", "57P02", "57P03");
    private static final Set<String> REFUSED_AT_CONNECT = Set.of("55000", "53300");

    private DatabaseOutage() {
    }

    /** Whether {@code failure} is, or was caused by, the database being out of reach. */
    public static boolean causedBy(Throwable failure) {
        boolean sql = false;
        boolean allocating = false;
        for (Throwable cause : Causes.of(failure)) {
            sql |= cause instanceof SQLException;
            if (sql && isConnectionFailure(cause, allocating)) {
                return true;
            }
            allocating |= sql && cause instanceof ResourceException;
        }
        return false;
    }

    /** What a caller is told of an outage, with the reference of its entry in the server log. */
    public static String detail(String reference) {
        return "the node's database cannot be reached, so nothing was done; try again shortly (the server log has "
                + "the details under reference " + reference + ")";
    }

    /**
     * Logs an outage in one line (what failed, the reference, the driver's innermost message), the stack only at
     * FINE: during an outage every request fails alike, and the log must stay readable.
     */
    public static void log(Logger logger, String what, String reference, Throwable failure) {
        logger.warning(() -> what + ": the database cannot be reached (reference " + reference + "): "
                + rootMessage(failure));
        logger.log(Level.FINE, "The failure under reference " + reference, failure);
    }

    private static String rootMessage(Throwable failure) {
        List<Throwable> chain = Causes.of(failure);
        return chain.get(chain.size() - 1).toString();
    }

    private static boolean isConnectionFailure(Throwable cause, boolean allocating) {
        if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                || cause instanceof ConnectException) {
            return true;
        }
        String state = cause instanceof SQLException sql ? sql.getSQLState() : null;
        return state != null && (state.startsWith(CONNECTION_EXCEPTION) || SERVER_ENDED.contains(state)
                || allocating && REFUSED_AT_CONNECT.contains(state));
    }
}
