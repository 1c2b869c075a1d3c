package org.custodia.ledger.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * What the node's health check reports: the chain id, the latest block and its timestamp (the chain's clock, which
 * decides expiries), and the account this node signs with.
 */
public record ChainStatus(long chainId, long latestBlock, Instant latestBlockTime, LedgerAddress account)
        implements Serializable {
}
