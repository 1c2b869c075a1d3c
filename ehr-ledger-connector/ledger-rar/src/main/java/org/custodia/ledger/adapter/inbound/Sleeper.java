package org.custodia.ledger.adapter.inbound;

import java.time.Duration;

/** How a subscription waits between poll rounds; tests replace it so that back-off needs no real time. */
@FunctionalInterface
interface Sleeper {

    /** Waits {@code duration}, or less once {@link #wakeUp()} was called. */
    void sleep(Duration duration) throws InterruptedException;

    /** Ends the current wait and makes every later one return at once: the subscription stops. */
    default void wakeUp() {
    }
}
