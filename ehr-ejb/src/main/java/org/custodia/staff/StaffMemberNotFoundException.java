package org.custodia.staff;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/** There is no staff account with this username; nothing was changed. */
public class StaffMemberNotFoundException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public StaffMemberNotFoundException(String message) {
        super(message);
    }

    @Override
    public Failure failure() {
        return Failure.NOT_FOUND;
    }
}
