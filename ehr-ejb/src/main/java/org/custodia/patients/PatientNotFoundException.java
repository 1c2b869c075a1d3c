package org.custodia.patients;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/** No patient is registered under the id, MRN or national id asked for. */
public class PatientNotFoundException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public PatientNotFoundException(String message) {
        super(message);
    }

    @Override
    public Failure failure() {
        return Failure.NOT_FOUND;
    }
}
