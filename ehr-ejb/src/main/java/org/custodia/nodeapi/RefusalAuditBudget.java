package org.custodia.nodeapi;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * How many refused node calls of one source are audited one by one: at most {@link #PER_MINUTE} in a minute. Anyone
 * who can reach the node API can send calls to refuse, and an entry each would let them grow the audit trail at will;
 * beyond the budget, the minute's refusals are counted. A count is due once its minute has passed: with the next
 * refusal, or when asked ({@link #overdue()}), or all of it when the node stops ({@link #all()}). A count handed out
 * whose entry could not be written is {@linkplain #restore(Uncounted) given back}. A clock that goes back by less than
 * a minute starts no new minute (its budget would be spent twice); by more, as a clock set right after running ahead
 * would, it does, or the budget would stay spent until the clock caught up. Thread-safe.
 */
final class RefusalAuditBudget {

    /** Refused calls audited one by one in a minute. */
    static final int PER_MINUTE = 100;

    /**
     * What to audit for one more refusal.
     *
     * @param auditThis   whether this refusal gets an entry of its own
     * @param floodBegins whether this is the first refusal of the minute beyond the budget
     * @param due         refusals counted in an earlier minute, to be audited now
     */
    record Turn(boolean auditThis, boolean floodBegins, Optional<Uncounted> due) {
    }

    /** Refusals that were counted, not audited one by one, the first and the last of them at these instants. */
    record Uncounted(long calls, Instant first, Instant last) {

        Uncounted and(Uncounted other) {
            return new Uncounted(calls + other.calls, first.isBefore(other.first) ? first : other.first,
                    last.isAfter(other.last) ? last : other.last);
        }
    }

    private final Clock clock;
    private long minute = Long.MIN_VALUE;
    private int audited;
    private boolean floodAnnounced;
    private Uncounted counted;

    RefusalAuditBudget(Clock clock) {
        this.clock = clock;
    }

    /** Takes one refusal's turn. */
    synchronized Turn take() {
        Instant now = clock.instant();
        long current = minuteOf(now);
        if (current > minute || current < minute - 1) {
            minute = current;
            audited = 0;
            floodAnnounced = false;
        }
        Optional<Uncounted> due = dueBefore(current);
        if (audited < PER_MINUTE) {
            audited++;
            return new Turn(true, false, due);
        }
        Uncounted one = new Uncounted(1, now, now);
        counted = counted == null ? one : counted.and(one);
        boolean floodBegins = !floodAnnounced;
        floodAnnounced = true;
        return new Turn(false, floodBegins, due);
    }

    /** The refusals counted in minutes that have passed, handed out once. */
    synchronized Optional<Uncounted> overdue() {
        return dueBefore(minuteOf(clock.instant()));
    }

    /** Every refusal counted so far, this minute's too, handed out once. */
    synchronized Optional<Uncounted> all() {
        Optional<Uncounted> all = Optional.ofNullable(counted);
        counted = null;
        return all;
    }

    /** How many refusals are counted and not yet handed out. */
    synchronized long pending() {
        return counted == null ? 0 : counted.calls();
    }

    /** Takes back a count handed out whose entry could not be written. */
    synchronized void restore(Uncounted unwritten) {
        counted = counted == null ? unwritten : counted.and(unwritten);
    }

    /** The count, once its minute is over; or at once if it lies ahead (counted while the clock ran ahead). */
    private Optional<Uncounted> dueBefore(long current) {
        if (counted == null) {
            return Optional.empty();
        }
        long last = minuteOf(counted.last());
        return last < current || last > current + 1 ? all() : Optional.empty();
    }

    private static long minuteOf(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 60);
    }
}
