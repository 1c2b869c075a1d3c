package org.custodia.staff;

import org.custodia.node.Failure;
import org.custodia.node.ServiceException;

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
