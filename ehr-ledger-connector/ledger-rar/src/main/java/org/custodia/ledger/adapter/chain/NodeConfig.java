package org.custodia.ledger.adapter.chain;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

import org.custodia.ledger.api.ChainNodeUrl;
import org.web3j.crypto.Credentials;

/**
 * Everything needed to reach the chain as this node: the RPC endpoint, the expected chain id (empty: take the
 * node's), the contracts, the signing key, the gas price, the RPC fault handling, and the least time between two
 * anchor transactions that are not full (see {@link TransactionBatcher}; zero: not paced).
 */
public record NodeConfig(String rpcUrl, OptionalLong chainId, ContractAddresses contracts, Credentials credentials,
        BigInteger gasPrice, Duration requestTimeout, RetryPolicy retryPolicy, Duration anchorInterval) {

    /** The anchor interval when none is configured. */
    public static final Duration DEFAULT_ANCHOR_INTERVAL = Duration.ofMillis(100);
    /** The longest anchor interval accepted: a chain's own blocks, a few seconds apart, gather anchors anyway. */
    public static final Duration LONGEST_ANCHOR_INTERVAL = Duration.ofSeconds(10);

    public NodeConfig {
        Objects.requireNonNull(rpcUrl, "the RPC URL is not configured");
        Objects.requireNonNull(contracts);
        Objects.requireNonNull(credentials, "no account key is loaded");
        if (gasPrice.signum() < 0) {
            throw new IllegalArgumentException("gas price must not be negative, got " + gasPrice);
        }
        if (anchorInterval.isNegative() || anchorInterval.compareTo(LONGEST_ANCHOR_INTERVAL) > 0) {
            throw new IllegalArgumentException("the anchor interval (custodia.ledger.anchor-interval-millis) must be "
                    + "from 0 to " + LONGEST_ANCHOR_INTERVAL.toMillis() + " ms, got " + anchorInterval.toMillis()
                    + " ms");
        }
    }

    @Override
    public String toString() {
        return "NodeConfig[" + ChainNodeUrl.shown(rpcUrl) + ", account " + credentials.getAddress() + ", " + contracts + "]";
    }
}
