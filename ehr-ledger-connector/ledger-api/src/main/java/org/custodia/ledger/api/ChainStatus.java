package org.custodia.ledger.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * What the node's health check reports: the chain id, the latest block and its timestamp (the chain's clock, which
 * decides expiries), the account this node signs with, and how each activated message-driven bean's event
 * delivery keeps up ({@code eventDeliveries}, ordered by subscription name; empty when no bean is activated).
 */
public record ChainStatus(long chainId, long latestBlock, Instant latestBlockTime, LedgerAddress account,
        List<EventDeliveryStatus> eventDeliveries) implements Serializable {

    public ChainStatus {
        eventDeliveries = List.copyOf(eventDeliveries);
    }
}
