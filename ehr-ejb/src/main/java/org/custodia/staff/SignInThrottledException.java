package org.custodia.staff;

import java.time.Duration;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/**
 * Too many failed password checks (sign-ins, or a password change's current password) for this account or from this
 * address: refused without checking the password.
 */
public class SignInThrottledException extends ServiceException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public SignInThrottledException(Duration retryAfter) {
        super("too many failed password checks for this account or from this address: try again in "
                + Math.max(1, retryAfter.toSeconds()) + " s");
        this.retryAfter = retryAfter;
    }

    /** How long until an attempt is checked again. */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public Failure failure() {
        return Failure.THROTTLED;
    }
}
