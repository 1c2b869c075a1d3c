package org.custodia.proxy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import org.custodia.kernel.Failure;

/**
 * The proxy's re-encryption counters, in memory: they start at zero with the application and reset at every restart
 * (the audit trail and the chain's access log are the durable record). Thread-safe.
 */
@ApplicationScoped
public class ProxyCounters {

    private final LongAdder served = new LongAdder();
    private final LongAdder brokenOff = new LongAdder();
    private final Map<Failure, LongAdder> refusals = new ConcurrentHashMap<>();

    /** A re-encrypted envelope was streamed to its end. */
    public void served() {
        served.increment();
    }

    /** A re-encryption was logged on chain but its stream broke off (the custodian or the caller went away). */
    public void brokenOff() {
        brokenOff.increment();
    }

    /** A re-encryption was refused, or failed before its access was logged, for {@code reason}. */
    public void refused(Failure reason) {
        refusals.computeIfAbsent(reason, unused -> new LongAdder()).increment();
    }

    public long reEncryptionsServed() {
        return served.sum();
    }

    public long reEncryptionsBrokenOff() {
        return brokenOff.sum();
    }

    /** The refusals since start, by reason; reasons not seen yet are absent. */
    public Map<Failure, Long> refusalsByReason() {
        Map<Failure, Long> counts = new EnumMap<>(Failure.class);
        refusals.forEach((reason, count) -> counts.put(reason, count.sum()));
        return Collections.unmodifiableMap(counts);
    }
}
