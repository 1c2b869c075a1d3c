package org.custodia.sharing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers this node's re-key calls (deliveries and withdrawals), so that a proxy applies a call only if none with a
 * higher number was applied before it: a delivery that stalled on its way can then never land after the withdrawal
 * that followed it. The number is the time in microseconds since the epoch, and always higher than the last one
 * given, so it rises across restarts too (a clock set back across a restart by more than the restart took would have
 * the proxies refuse calls as superseded until the clock has caught up; the reconciliation retries them).
 */
final class ReKeyGenerations {

    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    ReKeyGenerations(Clock clock) {
        this.clock = clock;
    }

    /** The next call's number. */
    long next() {
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
        return last.updateAndGet(previous -> Math.max(previous + 1, now));
    }
}
