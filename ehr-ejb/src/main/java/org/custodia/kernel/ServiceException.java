package org.custodia.kernel;

import jakarta.ejb.ApplicationException;

/**
 * A service refused or could not carry out a request for a reason the caller can act on. The message is meant for
 * staff and operators and never contains a secret or PHI. Rolls back the caller's transaction.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class ServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected ServiceException(String message) {
        super(message);
    }

    protected ServiceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The kind of failure, for the entry channels to present. */
    public abstract Failure failure();
}
