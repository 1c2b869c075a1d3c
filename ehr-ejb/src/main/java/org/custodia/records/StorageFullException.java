package org.custodia.records;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/** The file store has too little free space for the upload; nothing was stored. */
public class StorageFullException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Failure failure() {
        return Failure.STORAGE_FULL;
    }
}
