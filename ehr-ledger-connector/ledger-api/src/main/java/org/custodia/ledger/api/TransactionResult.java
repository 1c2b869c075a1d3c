package org.custodia.ledger.api;

import java.io.Serializable;

/** A transaction that was mined successfully: its hash and the number and hash of its block. */
public record TransactionResult(Bytes32 transactionHash, long blockNumber, Bytes32 blockHash)
        implements Serializable {
}
