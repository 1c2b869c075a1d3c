package org.custodia.staff;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/**
 * An account change the rules do not allow (an administrator's own account, a wrong current password); nothing was
 * changed.
 */
public class AccountChangeRefusedException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public AccountChangeRefusedException(String message) {
        super(message);
    }

    @Override
    public Failure failure() {
        return Failure.REFUSED;
    }
}
