package org.custodia.ledger.adapter.chain;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

import org.web3j.crypto.Credentials;

/**
 * Everything needed to reach the chain as this node: the RPC endpoint, the expected chain id (empty: take the
 * node's), the contracts, the signing key, the gas price and the RPC fault handling.
 */
public record NodeConfig(String rpcUrl, OptionalLong chainId, ContractAddresses contracts, Credentials credentials,
        BigInteger gasPrice, Duration requestTimeout, RetryPolicy retryPolicy) {

    public NodeConfig {
        Objects.requireNonNull(rpcUrl, "the RPC URL is not configured");
        Objects.requireNonNull(contracts);
        Objects.requireNonNull(credentials, "no account key is loaded");
        if (gasPrice.signum() < 0) {
            throw new IllegalArgumentException("gas price must not be negative, got " + gasPrice);
        }
    }

    @Override
    public String toString() {
        return "NodeConfig[" + rpcUrl + ", account " + credentials.getAddress() + ", " + contracts + "]";
    }
}
