package org.custodia.records;

import java.time.Duration;

/**
 * When an anchor that the chain did not accept is tried again: after 2 s, then doubling per failed attempt up to
 * 5 minutes. While one attempt runs its outbox entry is leased for {@link #LEASE}, longer than an attempt can take
 * (receipt timeout plus RPC retries), so neither the retry timer nor an upload starts a second one; a lease left by
 * a crashed server simply expires.
 */
final class AnchorRetryPolicy {

    static final Duration FIRST_DELAY = Duration.ofSeconds(2);
    static final Duration MAXIMUM_DELAY = Duration.ofMinutes(5);
    static final Duration LEASE = Duration.ofMinutes(5);

    private AnchorRetryPolicy() {
    }

    /** The wait after the {@code failedAttempts}-th failure in a row (1 for the first). */
    static Duration delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failed attempts start at 1, got " + failedAttempts);
        }
        int doublings = Math.min(failedAttempts - 1, 30);
        Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(MAXIMUM_DELAY) > 0 ? MAXIMUM_DELAY : delay;
    }
}
