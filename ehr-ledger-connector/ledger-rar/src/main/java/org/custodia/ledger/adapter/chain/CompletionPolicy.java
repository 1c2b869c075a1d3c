package org.custodia.ledger.adapter.chain;

import java.time.Duration;

/**
 * When a sent transaction counts as done: its receipt is polled every {@code pollingInterval} for at most
 * {@code timeout}, and then {@code confirmations} further blocks must exist on top of its block. QBFT blocks are
 * final as soon as they are added, so Besu networks need no confirmations.
 */
public record CompletionPolicy(Duration pollingInterval, Duration timeout, int confirmations) {

    public CompletionPolicy {
        if (pollingInterval.isNegative() || pollingInterval.isZero()) {
            throw new IllegalArgumentException("receipt polling interval must be positive, got " + pollingInterval);
        }
        if (timeout.compareTo(pollingInterval) < 0) {
            throw new IllegalArgumentException("receipt timeout " + timeout
                    + " must not be shorter than the polling interval " + pollingInterval);
        }
        if (confirmations < 0) {
            throw new IllegalArgumentException("confirmations must be 0 or more, got " + confirmations);
        }
    }
}
