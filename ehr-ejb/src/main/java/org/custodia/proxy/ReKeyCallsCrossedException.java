package org.custodia.proxy;

import java.time.Duration;

import org.custodia.kernel.BusyException;

/**
 * Two calls for a re-key this proxy never held a call for arrived at once, and this one lost the race to number it
 * first: nothing changed, and the custodian's retry is applied in order.
 */
public class ReKeyCallsCrossedException extends BusyException {

    private static final long serialVersionUID = 1L;

    ReKeyCallsCrossedException(Throwable cause) {
        super("another call for the same re-key was applied at the same moment: nothing changed, try again",
                Duration.ofSeconds(1), cause);
    }
}
