package org.custodia.ledger.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * How one inbound event subscription (one message-driven bean, named by its checkpoint) keeps up with the chain.
 * A failed poll round is retried with back-off and never skips an event, so a failure shows here as a growing
 * {@code blocksBehind} and {@code retries} until the cause is gone.
 *
 * @param subscription the bean's checkpoint name
 * @param blocksBehind confirmed blocks whose events are not all delivered yet, as of the chain head the
 *                     subscription last saw (0 before it first saw one)
 * @param lastSuccess  when a poll round last completed, delivering its events or finding none, or last delivered an
 *                     event; null before the first
 * @param failure      why the current poll rounds fail, with what to do about it; null when the last round succeeded
 * @param failingSince when the current run of failed rounds began; null exactly when {@code failure} is
 * @param retries      failed rounds since the last success
 */
public record EventDeliveryStatus(String subscription, long blocksBehind, Instant lastSuccess, String failure,
        Instant failingSince, int retries) implements Serializable {

    public EventDeliveryStatus {
        Objects.requireNonNull(subscription, "subscription name is missing");
        if (blocksBehind < 0 || retries < 0) {
            throw new IllegalArgumentException("blocks behind and retries must be 0 or more, got " + blocksBehind
                    + " and " + retries);
        }
        if ((failure == null) != (failingSince == null)) {
            throw new IllegalArgumentException("a failure needs the time it began, and only a failure has one");
        }
    }
}
