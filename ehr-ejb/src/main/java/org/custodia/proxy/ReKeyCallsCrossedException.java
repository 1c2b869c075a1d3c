package org.custodia.proxy;

import java.time.Duration;

import org.custodia.kernel.BusyException;

/**
 * Another re-key call was being applied (two first calls for one re-key at once, or a call that held a row this one
 * needed longer than the database waits for a lock): nothing changed, and the custodian's retry is applied in order.
 */
public class ReKeyCallsCrossedException extends BusyException {

    private static final long serialVersionUID = 1L;

    ReKeyCallsCrossedException(Throwable cause) {
        super("another re-key call was being applied at the same time: nothing changed, try again",
                Duration.ofSeconds(1), cause);
    }
}
