package org.custodia.proxy;

import java.time.Duration;

import org.custodia.kernel.BusyException;

/**
 * Another call for the same re-key was being applied (two first calls at once, or one that held the re-key's row
 * longer than the database waits for a lock): nothing changed, and the custodian's retry is applied in order.
 */
public class ReKeyCallsCrossedException extends BusyException {

    private static final long serialVersionUID = 1L;

    ReKeyCallsCrossedException(Throwable cause) {
        super("another call for the same re-key was being applied: nothing changed, try again",
                Duration.ofSeconds(1), cause);
    }
}
