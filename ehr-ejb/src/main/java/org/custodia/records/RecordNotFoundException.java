package org.custodia.records;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/** No record of this hospital has the id asked for (or the envelope is not served because it has no record). */
public class RecordNotFoundException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public RecordNotFoundException(String message) {
        super(message);
    }

    @Override
    public Failure failure() {
        return Failure.NOT_FOUND;
    }
}
