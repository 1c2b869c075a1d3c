package org.custodia.kernel;

import java.time.Duration;
import java.util.Objects;

/**
 * The slowest a sender may deliver a body: {@value #MIN_BYTES_PER_SECOND} bytes a second on average over each span of
 * its reader's waiting as long as a grace period. Only the reader's waits count, so its own pauses (writing to disk,
 * waiting for a write slot or for the chain) are never held against the sender, and a sender that keeps its reader
 * waiting, or trickles a byte now and then, is found however long each wait is. Each span is judged on its own, so
 * bytes sent quickly early on do not buy a trickle later. One reader.
 */
public final class SenderRate {

    /** The slowest average rate, in bytes a second, over each span of waiting as long as the grace period. */
    public static final long MIN_BYTES_PER_SECOND = 1024;

    private final long graceNanos;
    private long waitedNanos;
    private long spanStartWaited;
    private long spanStartReceived;

    public SenderRate(Duration grace) {
        this.graceNanos = Objects.requireNonNull(grace, "the grace period is missing").toNanos();
    }

    /** Notes that the reader waited {@code nanos} for the sender. */
    public void waited(long nanos) {
        waitedNanos += Math.max(0, nanos);
    }

    /**
     * Whether the bytes received in the current span, of {@code received} in all, are too few for its waiting; a span
     * that is long enough and fast enough ends here, and the next begins.
     */
    public boolean tooSlow(long received) {
        long spanWaited = waitedNanos - spanStartWaited;
        if (spanWaited <= graceNanos) {
            return false;
        }
        if (received - spanStartReceived < MIN_BYTES_PER_SECOND * (spanWaited / 1_000_000L) / 1000L) {
            return true;
        }
        spanStartWaited = waitedNanos;
        spanStartReceived = received;
        return false;
    }

    /** For a failure's message: what arrived in the span found too slow, and the rate it fell short of. */
    public String shortfall(long received) {
        return (received - spanStartReceived) + " bytes in " + (waitedNanos - spanStartWaited) / 1_000_000L
                + " ms of waiting for them, more slowly than " + MIN_BYTES_PER_SECOND + " bytes a second";
    }
}
