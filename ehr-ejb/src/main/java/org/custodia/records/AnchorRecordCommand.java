package org.custodia.records;

import java.time.Clock;
import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.custodia.ledger.api.AlreadyAnchoredException;
import org.custodia.ledger.api.AnchoredRecord;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.ledger.api.TransactionResult;
import org.custodia.ledger.api.TransactionState;
import org.custodia.outbox.CommandHandler;
import org.custodia.outbox.CommandOutcome;
import org.custodia.outbox.PendingCommand;

/**
 * Gets a record's anchor on chain: the outbox command queued with every stored record. Safe to repeat: a transaction
 * left pending by an earlier attempt is looked up before anything is sent, and waited for while the chain node holds
 * it unmined (another would only revert, and hide which transaction anchored); a refusal because the record is
 * already anchored counts as done when the anchor on chain is this node's, for this envelope and patient. The
 * contract keeps anchors immutable, so the record is anchored exactly once however often this runs.
 */
@ApplicationScoped
public class AnchorRecordCommand implements CommandHandler {

    /** The outbox kind of anchors; the subject is the record id. */
    public static final String KIND = "chain.anchor-record";

    @Resource(lookup = "java:app/eis/ledger")
    private LedgerConnectionFactory ledger;

    @EJB
    private RecordStore store;

    private Clock clock = Clock.systemUTC();

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CommandOutcome carryOut(PendingCommand command) {
        Optional<Bytes32> pending = command.pendingTransaction();
        RecordAnchor anchor = store.anchorOf(command.subject());
        try (LedgerConnection chain = ledger.getConnection()) {
            return anchor(chain, anchor, pending);
        } catch (LedgerException e) {
            return new CommandOutcome.Retry(e.getMessage(), pending);
        }
    }

    @Override
    public void completed(String recordId, CommandOutcome.Done done) {
        store.anchored(recordId, done.transaction().map(Bytes32::toString).orElse(null), done.block(), done.at());
    }

    /** One attempt on an open connection (the test seam). */
    CommandOutcome anchor(LedgerConnection chain, RecordAnchor anchor, Optional<Bytes32> pending) {
        try {
            if (pending.isPresent()) {
                TransactionState state = chain.transactionState(pending.get());
                if (state == TransactionState.MINED) {
                    Optional<TransactionResult> mined = chain.findTransaction(pending.get());
                    if (mined.isPresent()) {
                        return done(mined.get());
                    }
                }
                if (state == TransactionState.PENDING) {
                    return new CommandOutcome.Retry("the anchor's transaction " + pending.get() + " is waiting to be "
                            + "mined; nothing is sent again meanwhile", pending);
                }
            }
            return done(chain.anchorRecord(anchor));
        } catch (AlreadyAnchoredException e) {
            return alreadyOnChain(chain, anchor, pending);
        } catch (LedgerUnavailableException e) {
            return new CommandOutcome.Retry(e.getMessage(), e.pendingTransaction().or(() -> pending));
        } catch (LedgerException e) {
            // a configuration problem or a refusal (e.g. this node is not a registered hospital): an operator fixes
            // it and the anchor goes through on a later attempt
            return new CommandOutcome.Retry(e.getMessage(), pending);
        }
    }

    private CommandOutcome alreadyOnChain(LedgerConnection chain, RecordAnchor anchor, Optional<Bytes32> pending) {
        Optional<AnchoredRecord> found;
        try {
            found = chain.findRecord(anchor.recordId());
        } catch (LedgerException e) {
            return new CommandOutcome.Retry(e.getMessage(), pending);
        }
        if (found.isEmpty()) {
            return new CommandOutcome.Retry("the chain refused record " + anchor.recordId()
                    + " as already anchored but does not return it", pending);
        }
        AnchoredRecord onChain = found.get();
        if (!onChain.custodian().equals(chain.account())
                || !onChain.anchor().envelopeHash().equals(anchor.envelopeHash())
                || !onChain.anchor().patientPseudonym().equals(anchor.patientPseudonym())) {
            return new CommandOutcome.Conflict("record id " + anchor.recordId() + " is anchored on chain by "
                    + onChain.custodian() + " for another envelope or patient");
        }
        // the earlier attempt's transaction, mined meanwhile (or handed over again by the connector before this one)
        if (pending.isPresent()) {
            try {
                Optional<TransactionResult> mined = chain.findTransaction(pending.get());
                if (mined.isPresent()) {
                    return done(mined.get());
                }
            } catch (LedgerException e) {
                return new CommandOutcome.Retry(e.getMessage(), pending);
            }
        }
        // which transaction anchored it is not known here (an earlier attempt whose answer was lost)
        return new CommandOutcome.Done(Optional.empty(), null, onChain.anchoredAt());
    }

    private CommandOutcome done(TransactionResult result) {
        return new CommandOutcome.Done(Optional.of(result.transactionHash()), result.blockNumber(), clock.instant());
    }
}
