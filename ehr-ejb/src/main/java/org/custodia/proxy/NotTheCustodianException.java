package org.custodia.proxy;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/** A hospital tried to store or withdraw a re-key in the name of another custodian. */
public class NotTheCustodianException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public NotTheCustodianException(String message) {
        super(message);
    }

    @Override
    public Failure failure() {
        return Failure.FORBIDDEN;
    }
}
