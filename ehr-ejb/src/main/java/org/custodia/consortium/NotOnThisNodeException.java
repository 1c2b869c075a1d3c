package org.custodia.consortium;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/** What was asked for is served by nodes of another role (e.g. hospital discovery on a proxy). */
public class NotOnThisNodeException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public NotOnThisNodeException(String message) {
        super(message);
    }

    @Override
    public Failure failure() {
        return Failure.NOT_FOUND;
    }
}
