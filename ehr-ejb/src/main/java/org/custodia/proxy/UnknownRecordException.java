package org.custodia.proxy;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/** No record is anchored on chain under the id a hospital asked to have re-encrypted. */
public class UnknownRecordException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public UnknownRecordException(String message) {
        super(message);
    }

    public UnknownRecordException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Failure failure() {
        return Failure.NOT_FOUND;
    }
}
