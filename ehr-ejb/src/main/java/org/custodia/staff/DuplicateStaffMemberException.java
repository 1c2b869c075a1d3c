package org.custodia.staff;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/** A staff account with this username already exists; nothing was changed. */
public class DuplicateStaffMemberException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public DuplicateStaffMemberException(String message) {
        super(message);
    }

    @Override
    public Failure failure() {
        return Failure.CONFLICT;
    }
}
