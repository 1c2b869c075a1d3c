package org.custodia.records;

import java.time.Instant;
import java.util.Optional;

import org.custodia.ledger.api.Bytes32;

/** What one attempt to anchor a record came to. */
sealed interface AnchorOutcome {

    /**
     * The record's anchor is on chain as this node made it.
     *
     * @param transaction the anchoring transaction, when known (not when an earlier, lost attempt anchored it)
     * @param block       its block number, when known
     */
    record Anchored(Optional<Bytes32> transaction, Long block, Instant at) implements AnchorOutcome {
    }

    /**
     * Not anchored yet; try again later.
     *
     * @param pendingTransaction a transaction that was sent and may still be mined: look it up before sending again
     */
    record Retry(String reason, Optional<Bytes32> pendingTransaction) implements AnchorOutcome {
    }

    /** Another anchor is on chain under this record's id: an operator must investigate; retried only rarely. */
    record Conflict(String reason) implements AnchorOutcome {
    }
}
