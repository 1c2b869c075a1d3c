package org.custodia.ledger.adapter.inbound;

import java.time.Clock;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.custodia.ledger.api.EventDeliveryStatus;

/**
 * The delivery state of one subscription: written by its worker after each poll round, read by the health check
 * through {@link #status()}. Logs one line when delivery starts failing, fails for another reason, or recovers;
 * retries of the same failure stay silent, so an outage is neither hidden nor a flood.
 */
final class DeliveryMonitor {

    private static final Logger LOG = Logger.getLogger(DeliveryMonitor.class.getName());

    private final String subscription;
    private final Clock clock;
    private boolean headKnown;
    private long confirmedHead;
    private long deliveredThrough;
    private Instant lastSuccess;
    private String failure;
    private Instant failingSince;
    private int retries;

    DeliveryMonitor(String subscription, Clock clock) {
        this.subscription = subscription;
        this.clock = clock;
    }

    /** The newest block with enough confirmations, as the chain node last reported it. */
    synchronized void headSeen(long block) {
        headKnown = true;
        confirmedHead = block;
    }

    /** Every selected event up to and including {@code block} is delivered and checkpointed. */
    synchronized void deliveredThrough(long block) {
        deliveredThrough = block;
    }

    /**
     * An event was delivered, and every one before it, up to and including {@code block}: delivery makes progress
     * (a round catching up on many blocks ends only after all of them).
     */
    synchronized void delivered(long block) {
        deliveredThrough = block;
        lastSuccess = clock.instant();
    }

    void succeeded() {
        Instant now = clock.instant();
        String recovered;
        int failedRounds;
        synchronized (this) {
            recovered = failure;
            failedRounds = retries;
            lastSuccess = now;
            failure = null;
            failingSince = null;
            retries = 0;
        }
        if (recovered != null) {
            LOG.info(() -> "ledger events for " + subscription + " are delivered again, after " + failedRounds
                    + " failed attempts");
        }
    }

    /**
     * Records a failed round; logs {@code reason}, with {@code detail}'s stack trace when given, unless the previous
     * round failed for the same reason.
     */
    void failed(String reason, Throwable detail) {
        Instant now = clock.instant();
        boolean changed;
        synchronized (this) {
            changed = !reason.equals(failure);
            if (failure == null) {
                failingSince = now;
            }
            failure = reason;
            retries++;
        }
        if (changed) {
            LOG.log(Level.WARNING, "ledger events for " + subscription + " are not delivered, retrying with back-off: "
                    + reason, detail);
        }
    }

    synchronized EventDeliveryStatus status() {
        long behind = headKnown ? Math.max(0, confirmedHead - deliveredThrough) : 0;
        return new EventDeliveryStatus(subscription, behind, lastSuccess, failure, failingSince, retries);
    }
}
