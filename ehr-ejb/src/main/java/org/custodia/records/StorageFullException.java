package org.custodia.records;

import java.util.Optional;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ForOperators;
import org.custodia.kernel.ServiceException;

/**
 * The file store has too little free space for the upload, or cannot be written to; nothing was stored. The message
 * names the store's path and settings, for operators.
 */
public class StorageFullException extends ServiceException implements ForOperators {

    private static final long serialVersionUID = 1L;

    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Optional<String> forStaff() {
        return Optional.of("this hospital's file store cannot take records now: nothing was kept; tell the node's"
                + " operators");
    }

    @Override
    public Failure failure() {
        return Failure.STORAGE_FULL;
    }
}
