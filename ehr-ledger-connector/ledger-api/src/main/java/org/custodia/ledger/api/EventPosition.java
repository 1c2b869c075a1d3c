package org.custodia.ledger.api;

import java.io.Serializable;
import java.util.Comparator;

/**
 * Where a contract event sits on the chain. {@code (blockNumber, logIndex)} identifies an event uniquely and
 * orders events; a consumer that must be idempotent keys on it.
 */
public record EventPosition(long blockNumber, int logIndex, Bytes32 blockHash, Bytes32 transactionHash,
        LedgerAddress contract) implements Comparable<EventPosition>, Serializable {

    private static final Comparator<EventPosition> ORDER =
            Comparator.comparingLong(EventPosition::blockNumber).thenComparingInt(EventPosition::logIndex);

    @Override
    public int compareTo(EventPosition other) {
        return ORDER.compare(this, other);
    }
}
