package org.custodia.sharing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.custodia.ledger.api.LedgerAddress;

/**
 * The proxies that let a re-key delivery or withdrawal run out of time, each not called for re-keys for
 * {@link #QUIET} after: a proxy whose endpoint accepts calls and stays silent would otherwise hold an outbox thread
 * for a whole wait in every reconciliation of every pair, and take the outbox's threads from anchors, consent looks
 * and the re-keys of the proxies that answer. Only re-key calls consult it: a retrieval through a proxy that was slow
 * once is still tried. Thread-safe.
 */
final class SilentProxies {

    /** How long a proxy that let a re-key call time out is not called for re-keys. */
    static final Duration QUIET = Duration.ofSeconds(30);

    private final Map<LedgerAddress, Instant> quietUntil = new ConcurrentHashMap<>();
    private final Clock clock;

    SilentProxies(Clock clock) {
        this.clock = clock;
    }

    /** Until when {@code proxy} is left alone, if it let a call time out less than {@link #QUIET} ago. */
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

    /** A re-key call to {@code proxy} ran out of time. */
    void timedOut(LedgerAddress proxy) {
        quietUntil.put(proxy, clock.instant().plus(QUIET));
    }
}
