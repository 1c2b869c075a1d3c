package org.custodia.staff;

import java.time.Duration;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/** Too many failed sign-ins for this account or from this address: refused without checking the password. */
public class SignInThrottledException extends ServiceException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public SignInThrottledException(Duration retryAfter) {
        super("too many failed sign-ins: try again in " + Math.max(1, retryAfter.toSeconds()) + " s");
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
