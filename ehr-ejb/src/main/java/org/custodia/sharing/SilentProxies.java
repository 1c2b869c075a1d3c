package org.custodia.sharing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.custodia.ledger.api.LedgerAddress;

/**
 * The proxies that did not answer a re-key delivery or withdrawal (it ran out of time, could not connect, or was
 * answered by a server not ready for it), each not called for re-keys for {@link #QUIET} after: a proxy whose
 * endpoint accepts calls and stays silent would otherwise hold an outbox thread for a whole wait in every
 * reconciliation of every pair, and one that is down would be called, and its failure audited, by every pair's
 * retry. Only re-key calls consult it: a retrieval through a proxy that failed once is still tried. Thread-safe.
 */
final class SilentProxies {

    /** How long a proxy that did not answer a re-key call is not called for re-keys. */
    static final Duration QUIET = Duration.ofSeconds(30);

    private final Map<LedgerAddress, Instant> quietUntil = new ConcurrentHashMap<>();
    private final Clock clock;

    SilentProxies(Clock clock) {
        this.clock = clock;
    }

    /** Until when {@code proxy} is left alone, if it did not answer a call less than {@link #QUIET} ago. */
    Optional<Instant> quietUntil(LedgerAddress proxy) {
        Instant until = quietUntil.get(proxy);
        if (until == null) {
            return Optional.empty();
        }
        if (clock.instant().isBefore(until)) {
            return Optional.of(until);
        }
        quietUntil.remove(proxy, until);
        return Optional.empty();
    }

    /** A re-key call to {@code proxy} got no answer from its application. */
    void didNotAnswer(LedgerAddress proxy) {
        quietUntil.put(proxy, clock.instant().plus(QUIET));
    }
}
