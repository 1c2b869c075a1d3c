package org.custodia.patients;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/** A patient with the same MRN or national id is already registered; nothing was changed. */
public class DuplicatePatientException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public DuplicatePatientException(String message) {
        super(message);
    }

    @Override
    public Failure failure() {
        return Failure.CONFLICT;
    }
}
