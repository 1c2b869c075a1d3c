package org.custodia.records;

import org.custodia.filestore.FileStoreBusyException;
import org.custodia.kernel.BusyException;

/** The file store has as many writes in progress as it allows; nothing was stored. Retrying later may succeed. */
public class StorageBusyException extends BusyException {

    private static final long serialVersionUID = 1L;

    public StorageBusyException(FileStoreBusyException cause) {
        super(cause.getMessage(), cause.retryAfter(), cause);
    }
}
