package org.custodia.proxy;

import java.util.Map;

import org.custodia.kernel.Failure;

/**
 * What a proxy is doing: the re-keys it holds (from its database), and since its last start the re-encryptions it
 * served in full, those that broke off after their access was logged, and the refusals by reason.
 */
public record ProxyStatus(long reKeysHeld, long reEncryptionsServed, long reEncryptionsBrokenOff,
        Map<Failure, Long> refusalsByReason) {

    public ProxyStatus {
        refusalsByReason = Map.copyOf(refusalsByReason);
    }
}
