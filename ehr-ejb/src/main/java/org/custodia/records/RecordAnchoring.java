package org.custodia.records;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.custodia.ledger.api.AnchoredRecord;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;
import org.custodia.node.DependencyUnavailableException;

/**
 * Gets records' anchors on chain through the ledger connector and checks anchored records against the chain. Runs
 * outside transactions: the chain is called between short database transactions, never inside one.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RecordAnchoring {

    private static final Logger LOG = Logger.getLogger(RecordAnchoring.class.getName());

    @Resource(lookup = "java:app/eis/ledger")
    private LedgerConnectionFactory ledger;

    @EJB
    private RecordStore store;

    private final Clock clock = Clock.systemUTC();

    /**
     * {@link #attempt} on a container thread, so that an upload does not wait for the chain (which can take up to
     * the connector's timeouts when the node is unreachable); the outbox timer covers an attempt that never runs.
     */
    @Asynchronous
    public void attemptSoon(String recordId) {
        try {
            attempt(recordId);
        } catch (RuntimeException e) {
            LOG.warning("Record " + recordId + " stays in the anchor outbox: " + e.getMessage());
        }
    }

    /**
     * Tries to anchor the record now if its outbox entry is due and no other attempt holds it. On failure the entry
     * stays in the outbox with its next attempt scheduled by {@link AnchorRetryPolicy}.
     *
     * @return the record's anchor status afterwards
     */
    public AnchorStatus attempt(String recordId) {
        Instant now = clock.instant();
        Optional<AnchorOutboxEntry> claimed = store.claim(recordId, now, now.plus(AnchorRetryPolicy.LEASE));
        if (claimed.isEmpty()) {
            return store.find(recordId).map(HealthRecord::anchorStatus).orElse(AnchorStatus.PENDING);
        }
        AnchorOutboxEntry entry = claimed.get();
        Optional<Bytes32> pending = Optional.ofNullable(entry.pendingTransaction()).map(Bytes32::fromHex);
        AnchorOutcome outcome;
        try (LedgerConnection chain = ledger.getConnection()) {
            outcome = new AnchorAttempt(chain, clock).run(store.anchorOf(recordId), pending);
        } catch (LedgerException e) {
            outcome = new AnchorOutcome.Retry(e.getMessage(), pending);
        }
        return settle(entry, outcome);
    }

    private AnchorStatus settle(AnchorOutboxEntry entry, AnchorOutcome outcome) {
        String recordId = entry.recordId();
        int failures = entry.attempts() + 1;
        if (outcome instanceof AnchorOutcome.Anchored anchored) {
            store.anchored(recordId, anchored.transaction().map(Bytes32::toString).orElse(null), anchored.block(),
                    anchored.at());
            LOG.fine(() -> "Record " + recordId + " is anchored");
            return AnchorStatus.ANCHORED;
        }
        if (outcome instanceof AnchorOutcome.Retry retry) {
            store.retryLater(recordId, retry.reason(), retry.pendingTransaction().map(Bytes32::toString).orElse(null),
                    clock.instant().plus(AnchorRetryPolicy.delayAfter(failures)));
            LOG.log(failures == 1 ? Level.WARNING : Level.FINE, () -> "Record " + recordId
                    + " is not anchored yet (attempt " + failures + ", retried automatically): " + retry.reason());
        } else if (outcome instanceof AnchorOutcome.Conflict conflict) {
            store.retryLater(recordId, conflict.reason(), null,
                    clock.instant().plus(AnchorRetryPolicy.MAXIMUM_DELAY));
            LOG.severe(() -> "Record " + recordId + " cannot be anchored: " + conflict.reason());
        }
        return AnchorStatus.PENDING;
    }

    /**
     * Checks that the chain holds this node's anchor of {@code recordId} with {@code envelopeSha256}.
     *
     * @throws RecordIntegrityException        if the chain has no such anchor or another hash or custodian
     * @throws DependencyUnavailableException if the chain node cannot be asked
     */
    public void verifyOnChain(String recordId, byte[] envelopeSha256) {
        Bytes32 id = Bytes32.fromHex(recordId);
        Optional<AnchoredRecord> onChain;
        boolean ours;
        try (LedgerConnection chain = ledger.getConnection()) {
            onChain = chain.findRecord(id);
            ours = onChain.isPresent() && onChain.get().custodian().equals(chain.account());
        } catch (LedgerException e) {
            throw new DependencyUnavailableException("the chain node cannot confirm the anchor of record " + recordId
                    + ", so its content is not served: " + e.getMessage(), e);
        }
        if (onChain.isEmpty()) {
            throw new RecordIntegrityException("record " + recordId
                    + " is marked anchored, but the chain has no anchor for it");
        }
        if (!ours || !onChain.get().anchor().envelopeHash().equals(Bytes32.of(envelopeSha256))) {
            throw new RecordIntegrityException("record " + recordId
                    + " does not match the envelope hash this node anchored on chain");
        }
    }
}
