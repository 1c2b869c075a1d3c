package org.custodia.ledger.adapter.inbound;

import java.time.Duration;
import java.util.Set;

/**
 * What one message-driven bean receives and how it is fetched: the contracts ({@link Contract}) and event names
 * (empty: all), where to start without a checkpoint, how often to poll, how many blocks must lie on top of an
 * event's block before it is delivered, and how many blocks one {@code eth_getLogs} request may span.
 */
public record EventFilter(Set<Contract> contracts, Set<String> eventNames, long startBlock, Duration pollingInterval,
        int confirmations, int maxBlocksPerRequest) {

    /** The access contracts. */
    public enum Contract {
        CONSORTIUM,
        RECORD,
        CONSENT
    }

    public EventFilter {
        contracts = Set.copyOf(contracts);
        eventNames = Set.copyOf(eventNames);
        if (contracts.isEmpty()) {
            throw new IllegalArgumentException("at least one contract must be selected");
        }
        if (startBlock < 0 || confirmations < 0 || maxBlocksPerRequest < 1 || pollingInterval.isNegative()
                || pollingInterval.isZero()) {
            throw new IllegalArgumentException("start block and confirmations must be 0 or more, the polling"
                    + " interval and blocks per request positive");
        }
    }
}
