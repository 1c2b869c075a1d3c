package org.custodia.nodeapi;

import java.time.Duration;
import java.time.Instant;

/**
 * Remembers the nonces of accepted calls so that a call is accepted once. Implementations keep what they remember
 * across restarts of the node.
 */
@FunctionalInterface
public interface ReplayGuard {

    /**
     * Records that the caller {@code keyid} used {@code nonce} in a signature created at {@code created}, and answers
     * whether this is its first use. The pair must be remembered until at least {@code created + window}, after which
     * the signature is refused as stale anyway. Concurrent calls with the same pair must see exactly one {@code true}.
     */
    boolean firstUse(String keyid, String nonce, Instant created, Duration window);
}
