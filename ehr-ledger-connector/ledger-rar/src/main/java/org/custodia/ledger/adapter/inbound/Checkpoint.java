package org.custodia.ledger.adapter.inbound;

import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.EventPosition;

/** The last event delivered to a subscription: its block (number and hash) and log index. */
public record Checkpoint(long blockNumber, int logIndex, Bytes32 blockHash) {

    static Checkpoint of(EventPosition position) {
        return new Checkpoint(position.blockNumber(), position.logIndex(), position.blockHash());
    }

    /** Whether the event at {@code position} was delivered already (it is at or before this checkpoint). */
    boolean covers(EventPosition position) {
        return position.blockNumber() < blockNumber
                || position.blockNumber() == blockNumber && position.logIndex() <= logIndex;
    }
}
