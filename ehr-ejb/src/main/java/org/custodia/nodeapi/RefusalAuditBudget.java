package org.custodia.nodeapi;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * How many refused node calls are audited one by one: at most {@link #PER_MINUTE} in a minute. Anyone who can reach
 * the node API can send calls to refuse, and an entry each would let them grow the audit trail at will; beyond the
 * budget, the minute's refusals are counted, and the first refusal of a later minute says how many were not audited
 * one by one. Thread-safe.
 */
final class RefusalAuditBudget {

    /** Refused calls audited one by one in a minute. */
    static final int PER_MINUTE = 100;

    /** What to audit for one more refusal. */
    record Turn(boolean auditThis, boolean floodBegins, Optional<Uncounted> missed) {
    }

    /** Refusals of an earlier minute that were counted, not audited one by one. */
    record Uncounted(long calls, Instant first, Instant last) {
    }

    private final Clock clock;
    private long minute = Long.MIN_VALUE;
    private int audited;
    private long counted;
    private Instant firstCounted;
    private Instant lastCounted;

    RefusalAuditBudget(Clock clock) {
        this.clock = clock;
    }

    /** Takes one refusal's turn. */
    synchronized Turn take() {
        Instant now = clock.instant();
        long current = Math.floorDiv(now.getEpochSecond(), 60);
        Optional<Uncounted> missed = Optional.empty();
        if (current != minute) {
            if (counted > 0) {
                missed = Optional.of(new Uncounted(counted, firstCounted, lastCounted));
            }
            minute = current;
            audited = 0;
            counted = 0;
        }
        if (audited < PER_MINUTE) {
            audited++;
            return new Turn(true, false, missed);
        }
        counted++;
        if (counted == 1) {
            firstCounted = now;
        }
        lastCounted = now;
        return new Turn(false, counted == 1, missed);
    }
}
