package org.custodia.records;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/** An uploaded document is larger than {@code custodia.records.max-size-mb}; nothing was stored. */
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
