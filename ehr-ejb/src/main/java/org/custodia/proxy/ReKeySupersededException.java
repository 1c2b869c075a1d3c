package org.custodia.proxy;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/**
 * A custodian's re-key call carries a lower number than the call this proxy applied last for the same re-key: it was
 * overtaken on its way (a delivery that stalled while the withdrawal after it went through), and changes nothing.
 */
public class ReKeySupersededException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public ReKeySupersededException(long generation, long applied) {
        super("the call is number " + generation + ", and call " + applied + " of the same custodian for this re-key "
                + "was applied already: nothing changed");
    }

    @Override
    public Failure failure() {
        return Failure.CONFLICT;
    }
}
