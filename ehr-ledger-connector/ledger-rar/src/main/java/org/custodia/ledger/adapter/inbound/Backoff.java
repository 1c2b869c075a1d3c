package org.custodia.ledger.adapter.inbound;

import java.time.Duration;

/**
 * The wait after a failed poll round: {@link #FIRST}, doubled after each further failure up to {@link #LONGEST},
 * and back to {@link #FIRST} after a success. Used by one worker thread only.
 */
final class Backoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofSeconds(60);

    private Duration next = FIRST;

    /** The wait after this failure; the next one waits twice as long, at most {@link #LONGEST}. */
    Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(LONGEST) > 0 ? LONGEST : doubled;
        return current;
    }

    void reset() {
        next = FIRST;
    }
}
