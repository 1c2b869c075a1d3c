package org.custodia.ledger.adapter.chain;

import java.time.Duration;

/**
 * How often an RPC request that failed with an I/O error is tried again, and how long to wait before each new
 * attempt (the wait doubles each time).
 */
public record RetryPolicy(int retries, Duration backoff) {

    public RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, got " + retries);
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("retry backoff must not be negative, got " + backoff);
        }
    }

    Duration delayBefore(int retry) {
        return backoff.multipliedBy(1L << Math.min(retry - 1, 10));
    }
}
