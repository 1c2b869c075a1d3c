package org.custodia.outbox;

import java.time.Duration;

/**
 * When a command the outbox could not carry out is tried again: after 2 s, then doubling per failed attempt up to
 * 5 minutes. While one attempt runs, its command is leased for {@link #LEASE}, longer than an attempt can take
 * (the connector's receipt timeout plus its RPC retries), so no second attempt starts; one that outlives its lease
 * all the same can no longer settle its command ({@link Outbox#completed}). A lease belongs to one run of
 * the application: the next run releases it at start-up, so a command in flight at a stop or a crash goes out again
 * within seconds of the restart.
 */
public final class OutboxRetryPolicy {

    public static final Duration FIRST_DELAY = Duration.ofSeconds(2);
    public static final Duration MAXIMUM_DELAY = Duration.ofMinutes(5);
    public static final Duration LEASE = Duration.ofMinutes(5);

    private OutboxRetryPolicy() {
    }

    /** The wait after the {@code failedAttempts}-th failure in a row (1 for the first). */
    public static Duration delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failed attempts start at 1, got " + failedAttempts);
        }
        int doublings = Math.min(failedAttempts - 1, 30);
        Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(MAXIMUM_DELAY) > 0 ? MAXIMUM_DELAY : delay;
    }
}
