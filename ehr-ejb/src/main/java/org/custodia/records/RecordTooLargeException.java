package org.custodia.records;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/**
 * An uploaded document, or the envelope of a record received from another custodian, is larger than this node keeps
 * ({@code custodia.records.max-size-mb}); nothing was stored.
 */
public class RecordTooLargeException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public RecordTooLargeException(String message) {
        super(message);
    }

    @Override
    public Failure failure() {
        return Failure.TOO_LARGE;
    }
}
