package org.custodia.ledger.api;

import java.io.Serializable;

/** What the node's health check reports: the chain id, the latest block and the account this node signs with. */
public record ChainStatus(long chainId, long latestBlock, LedgerAddress account) implements Serializable {
}
