package org.custodia.records;

import java.util.Optional;

import org.custodia.filestore.FileStoreBusyException;
import org.custodia.kernel.BusyException;
import org.custodia.kernel.ForOperators;

/**
 * The file store has as many writes in progress as it allows; nothing was stored. Retrying later may succeed. The
 * message names the store's path and settings, for operators.
 */
public class StorageBusyException extends BusyException implements ForOperators {

    private static final long serialVersionUID = 1L;

    public StorageBusyException(FileStoreBusyException cause) {
        super(cause.getMessage(), cause.retryAfter(), cause);
    }

    @Override
    public Optional<String> forStaff() {
        return Optional.of("this hospital's file store is busy with other records: nothing was kept; try again in "
                + retryAfter().toSeconds() + " seconds");
    }
}
