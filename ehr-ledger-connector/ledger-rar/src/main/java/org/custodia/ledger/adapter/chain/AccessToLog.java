package org.custodia.ledger.adapter.chain;

import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.LedgerAddress;

/** An access a proxy logs on chain: record {@code recordId} served to {@code accessor}. */
record AccessToLog(Bytes32 recordId, LedgerAddress accessor) {

    @Override
    public String toString() {
        return "the access to record " + recordId + " by " + accessor;
    }
}
