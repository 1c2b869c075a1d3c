package org.custodia.nodeapi;

import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nodes whose last call ran out of time (no connection, no answer, or an answer that stopped), each not called
 * again for {@link #QUIET} after: a member whose endpoint accepts and stays silent would otherwise hold a thread for
 * a whole timeout on every call (every re-key reconciliation of every pair, every retrieval through it), and take
 * the outbox's threads from the calls to the members that answer. Thread-safe.
 */
final class SilentNodes {

    /** How long a node that let a call time out is not called. */
    static final Duration QUIET = Duration.ofSeconds(60);

    private final Map<String, Instant> quietUntil = new ConcurrentHashMap<>();
    private final Clock clock;

    SilentNodes(Clock clock) {
        this.clock = clock;
    }

    /**
     * @throws HttpTimeoutException if a call to the node of {@code target} timed out less than {@link #QUIET} ago
     */
    void requireCallable(URI target) throws HttpTimeoutException {
        String node = nodeOf(target);
        Instant until = quietUntil.get(node);
        if (until != null) {
            if (clock.instant().isBefore(until)) {
                throw new HttpTimeoutException("node " + node + " let a call time out; it is not called again before "
                        + until);
            }
            quietUntil.remove(node, until);
        }
    }

    /** A call to the node of {@code target} ran out of time. */
    void timedOut(URI target) {
        quietUntil.put(nodeOf(target), clock.instant().plus(QUIET));
    }

    private static String nodeOf(URI target) {
        return (target.getScheme() + "://" + target.getRawAuthority()).toLowerCase(Locale.ROOT);
    }
}
