package org.custodia.filestore;

import java.time.Duration;

/**
 * The file store already has as many envelope writes in progress as it allows, and none finished within the wait;
 * nothing was stored. Retrying later may succeed.
 */
public final class FileStoreBusyException extends FileStoreException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public FileStoreBusyException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long a caller should wait before it tries again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
