package org.custodia.records;

import java.time.Clock;
import java.util.Optional;

import org.custodia.ledger.api.AlreadyAnchoredException;
import org.custodia.ledger.api.AnchoredRecord;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.ledger.api.TransactionResult;

/**
 * One attempt to get a record's anchor on chain, safe to repeat: a transaction left pending by an earlier attempt is
 * looked up before anything is sent, and a refusal because the record is already anchored counts as success when
 * the anchor on chain is this node's, for this envelope and patient. The contract keeps anchors immutable, so the
 * record is anchored exactly once however often this runs.
 */
final class AnchorAttempt {

    private final LedgerConnection chain;
    private final Clock clock;

    AnchorAttempt(LedgerConnection chain, Clock clock) {
        this.chain = chain;
        this.clock = clock;
    }

    AnchorOutcome run(RecordAnchor anchor, Optional<Bytes32> pendingTransaction) {
        try {
            if (pendingTransaction.isPresent()) {
                Optional<TransactionResult> mined = chain.findTransaction(pendingTransaction.get());
                if (mined.isPresent()) {
                    return anchored(mined.get());
                }
            }
            return anchored(chain.anchorRecord(anchor));
        } catch (AlreadyAnchoredException e) {
            return alreadyOnChain(anchor, pendingTransaction);
        } catch (LedgerUnavailableException e) {
            return new AnchorOutcome.Retry(e.getMessage(), e.pendingTransaction().or(() -> pendingTransaction));
        } catch (LedgerException e) {
            // a configuration problem or a refusal (e.g. this node is not a registered hospital): an operator fixes
            // it and the anchor goes through on a later attempt
            return new AnchorOutcome.Retry(e.getMessage(), pendingTransaction);
        }
    }

    private AnchorOutcome alreadyOnChain(RecordAnchor anchor, Optional<Bytes32> pendingTransaction) {
        Optional<AnchoredRecord> found;
        try {
            found = chain.findRecord(anchor.recordId());
        } catch (LedgerException e) {
            return new AnchorOutcome.Retry(e.getMessage(), pendingTransaction);
        }
        if (found.isEmpty()) {
            return new AnchorOutcome.Retry("the chain refused record " + anchor.recordId()
                    + " as already anchored but does not return it", pendingTransaction);
        }
        AnchoredRecord onChain = found.get();
        if (!onChain.custodian().equals(chain.account())
                || !onChain.anchor().envelopeHash().equals(anchor.envelopeHash())
                || !onChain.anchor().patientPseudonym().equals(anchor.patientPseudonym())) {
            return new AnchorOutcome.Conflict("record id " + anchor.recordId() + " is anchored on chain by "
                    + onChain.custodian() + " for another envelope or patient");
        }
        // which transaction anchored it is not known here (an earlier attempt whose answer was lost)
        return new AnchorOutcome.Anchored(Optional.empty(), null, onChain.anchoredAt());
    }

    private AnchorOutcome anchored(TransactionResult result) {
        return new AnchorOutcome.Anchored(Optional.of(result.transactionHash()), result.blockNumber(),
                clock.instant());
    }
}
