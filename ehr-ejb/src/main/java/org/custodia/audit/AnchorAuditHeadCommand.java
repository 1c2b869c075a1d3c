package org.custodia.audit;

import java.time.Clock;
import java.util.Optional;
import java.util.function.LongFunction;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.custodia.ledger.api.AnchoredAuditHead;
import org.custodia.ledger.api.AuditHead;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.TransactionResult;
import org.custodia.ledger.api.TransactionState;
import org.custodia.outbox.CommandHandler;
import org.custodia.outbox.CommandOutcome;
import org.custodia.outbox.PendingCommand;

/**
 * Anchors the audit trail's head on chain: the outbox command {@link AuditTrail#requestAnchor} queues. There is one
 * command, whatever the head: it brings the chain up to the head last queued, so heads queued while the chain node
 * was down go out as one anchor of the newest. Safe to repeat: nothing is sent while an earlier attempt's anchor waits
 * to be mined; then the newest head this node anchored is read, and nothing is sent when it is already that far (an
 * earlier attempt whose answer was lost, for one).
 */
@ApplicationScoped
public class AnchorAuditHeadCommand implements CommandHandler {

    /** The outbox kind of audit head anchors. */
    public static final String KIND = "chain.anchor-audit-head";
    /** The one subject of that kind. */
    public static final String SUBJECT = "sealed-head";

    @Resource(lookup = "java:app/eis/ledger")
    private LedgerConnectionFactory ledger;

    @EJB
    private AuditTrail trail;

    private Clock clock = Clock.systemUTC();

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CommandOutcome carryOut(PendingCommand command) {
        long requested = trail.anchorRequested();
        if (requested == 0) {
            return new CommandOutcome.Done(Optional.empty(), null, clock.instant());
        }
        Optional<AuditHead> head = trail.sealedHead(requested);
        if (head.isEmpty()) {
            return new CommandOutcome.Conflict("audit entry " + requested + " was queued for anchoring on chain but "
                    + "is missing from the database: check the trail on the audit page");
        }
        try (LedgerConnection chain = ledger.getConnection()) {
            return anchor(chain, head.get(), command.pendingTransaction(), trail::sealedHead);
        } catch (LedgerException e) {
            return new CommandOutcome.Retry(e.getMessage(), command.pendingTransaction());
        }
    }

    @Override
    public void completed(String subject, CommandOutcome.Done done) {
        // the chain is the record of what was anchored; the check reads it from there
    }

    /**
     * One attempt on an open connection (the test seam). {@code sealedAt} gives the trail's sealed entry at a
     * sequence: a head is anchored only over a trail that still holds the newest head anchored before, so that an
     * anchor never vouches for entries rewritten (and their hash chain rebuilt) below an earlier one.
     */
    CommandOutcome anchor(LedgerConnection chain, AuditHead head, Optional<Bytes32> pending,
            LongFunction<Optional<AuditHead>> sealedAt) {
        try {
            if (pending.isPresent() && chain.transactionState(pending.get()) == TransactionState.PENDING) {
                // another sent meanwhile would be mined after it, refused (the same head) or a second anchor
                return new CommandOutcome.Retry("the audit head's anchor " + pending.get() + " is waiting to be "
                        + "mined; nothing is sent again meanwhile", pending);
            }
            Optional<AnchoredAuditHead> newest = OwnAnchors.on(chain).newest();
            if (newest.isPresent()) {
                Optional<CommandOutcome> notOver = notOverTheTrail(newest.get(), head, sealedAt);
                if (notOver.isPresent()) {
                    return notOver.get();
                }
            }
            TransactionResult result = chain.anchorAuditHead(head);
            return new CommandOutcome.Done(Optional.of(result.transactionHash()), result.blockNumber(),
                    clock.instant());
        } catch (LedgerUnavailableException e) {
            return new CommandOutcome.Retry(e.getMessage(), e.pendingTransaction().or(() -> pending));
        } catch (LedgerException e) {
            // e.g. this node's account is not a member yet, or another attempt anchored meanwhile: the next attempt
            // reads the chain again
            return new CommandOutcome.Retry(e.getMessage(), pending);
        }
    }

    /**
     * What stands instead of anchoring {@code head} when the chain holds {@code newest}: done, when it is that far
     * already and the trail holds it; a conflict, when the trail no longer holds the newest anchored head (an entry
     * rewritten, deleted, or a database restored from an older backup), which no later anchor may cover; else
     * nothing, and {@code head} is anchored.
     */
    private static Optional<CommandOutcome> notOverTheTrail(AnchoredAuditHead newest, AuditHead head,
            LongFunction<Optional<AuditHead>> sealedAt) {
        AuditHead anchored = newest.head();
        Optional<AuditHead> held = anchored.sequence() == head.sequence() ? Optional.of(head)
                : sealedAt.apply(anchored.sequence());
        if (held.isEmpty()) {
            return Optional.of(new CommandOutcome.Conflict("audit entry " + anchored.sequence() + " was anchored on"
                    + " chain in block " + newest.blockNumber() + ", but the trail in the database does not hold it"
                    + " (entries deleted, the database restored from an older backup, or a new database for a ledger"
                    + " account that anchored a trail before): nothing is anchored over it; check the trail on the"
                    + " audit page"));
        }
        if (!held.get().equals(anchored)) {
            return Optional.of(new CommandOutcome.Conflict("audit entry " + anchored.sequence() + " differs from the"
                    + " head anchored on chain in block " + newest.blockNumber() + ": nothing is anchored over it;"
                    + " check the trail on the audit page"));
        }
        if (anchored.sequence() >= head.sequence()) {
            return Optional.of(new CommandOutcome.Done(Optional.empty(), newest.blockNumber(), newest.anchoredAt()));
        }
        return Optional.empty();
    }
}
