package org.custodia.records;

import java.time.Duration;

import org.custodia.filestore.FileStoreBusyException;
import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/** The file store has as many writes in progress as it allows; nothing was stored. Retrying later may succeed. */
public class StorageBusyException extends ServiceException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public StorageBusyException(FileStoreBusyException cause) {
        super(cause.getMessage(), cause);
        this.retryAfter = cause.retryAfter();
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
