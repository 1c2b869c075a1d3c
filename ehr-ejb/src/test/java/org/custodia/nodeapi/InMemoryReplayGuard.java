package org.custodia.nodeapi;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A replay guard for tests that remembers every nonce while it lives; the node's own keeps them in its database. */
final class InMemoryReplayGuard implements ReplayGuard {

    private final Set<String> used = ConcurrentHashMap.newKeySet();

    @Override
    public boolean firstUse(String keyid, String nonce, Instant created, Duration window) {
        return used.add(keyid + " " + nonce);
    }
}
