package org.custodia.access;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/** The caller may not do what it asked; nothing was done, and the refusal is in the audit trail. */
public class AccessDeniedException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }

    @Override
    public Failure failure() {
        return Failure.FORBIDDEN;
    }
}
