package org.custodia.kernel;

import java.time.Duration;

/**
 * The node is at a limit it keeps on work running at once (envelope writes, retrievals of shared records): the
 * request was refused before it changed anything, and may succeed once {@link #retryAfter()} has passed.
 */
public abstract class BusyException extends ServiceException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    protected BusyException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the caller should wait before it tries again. */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public Failure failure() {
        return Failure.UNAVAILABLE;
    }
}
