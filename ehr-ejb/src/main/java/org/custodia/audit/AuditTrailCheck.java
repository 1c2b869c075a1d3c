package org.custodia.audit;

import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.custodia.kernel.Bulkhead;
import org.custodia.ledger.api.AnchoredAuditHead;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;

/**
 * Checks the audit trail as a privacy officer asks: its hash chain in the database ({@link AuditTrail#verify}), then
 * against the heads this node anchored on chain, which someone who can rewrite the database cannot rewrite. A chain
 * rebuilt consistently after an entry was changed or deleted holds in the database, but no longer has the hash the
 * chain holds for a later anchored head. Entries sealed after the newest anchor are protected by the hash chain
 * only. Runs outside transactions: the chain is never called inside one.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditTrailCheck {

    /**
     * One check at a time on this node: each reads every entry of the trail, and a second at once would only do the
     * same work again, holding another request thread and database connection.
     */
    private static final Bulkhead ONE_AT_A_TIME = new Bulkhead("audit checks at once", 1,
            AuditCheckUnderWayException::new);

    @Resource(lookup = "java:app/eis/ledger")
    private LedgerConnectionFactory ledger;

    @EJB
    private AuditTrail trail;

    /**
     * Walks the hash chain and compares it with the anchored heads; reports the newest anchor, and where the trail
     * does not hold. When the anchors cannot be read, the hash chain alone is checked and the report says why the
     * anchors were not.
     *
     * @throws AuditCheckUnderWayException if another check runs on this node
     */
    public AuditChainReport verify() {
        return ONE_AT_A_TIME.run(this::verifyNow);
    }

    private AuditChainReport verifyNow() {
        try (LedgerConnection chain = ledger.getConnection()) {
            return verify(chain);
        } catch (LedgerException e) {
            return trail.verify().anchorsUnread("the heads anchored on chain could not be read (" + e.getMessage()
                    + "), so only the hash chain in the database was checked; check again once the chain-node check "
                    + "is UP and the registry is the one that keeps audit heads");
        }
    }

    /** The check on an open connection (the test seam). */
    AuditChainReport verify(LedgerConnection chain) throws LedgerException {
        // the anchors first: every head anchored by then is sealed before the walk reads the chain's head
        OwnAnchors anchors = OwnAnchors.on(chain);
        Optional<AnchoredAuditHead> newest = anchors.newest();
        AuditChainReport walked = trail.verify();
        if (newest.isEmpty()) {
            return walked;
        }
        AuditChainReport report = walked.anchoredBy(newest.get());
        if (!walked.intact()) {
            // the hash chain itself breaks first
            return report;
        }
        long anchored = newest.get().head().sequence();
        // the newest anchored hash chains every entry before it: when it matches, the older anchors do too, provided
        // the walk reached it
        if (matches(newest.get())) {
            if (walked.head() >= anchored) {
                return report;
            }
            // only sealed heads are anchored, and the anchors were read before the head: the head row was set back
            // below the newest anchor, and the entries the walk stopped short of are not vouched for
            return report.broken(walked.head() + 1, "entry " + anchored + " was anchored on chain in block "
                    + newest.get().blockNumber() + ", but the trail's head in the database is entry " + walked.head()
                    + ": the head was set back, which hides a change to the entries after it");
        }
        try {
            return firstDiffering(anchors, newest.get(), report);
        } catch (LedgerException e) {
            // what is found already is not given up because the search for where it starts could not finish
            return report.broken(anchored, "entry " + anchored + " differs from the newest head anchored on chain (in "
                    + "block " + newest.get().blockNumber() + "): entries up to it were rewritten or deleted after "
                    + "they were anchored; the older anchors, which would say where that starts, could not be read ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * Finds the oldest anchored head the database no longer matches. An entry changed or deleted makes every later
     * head differ and leaves every earlier one matching, so a binary search over the anchors finds it in a few reads.
     */
    private AuditChainReport firstDiffering(OwnAnchors anchors, AnchoredAuditHead newest, AuditChainReport report)
            throws LedgerException {
        long matchingIndex = -1;
        long differingIndex = anchors.count() - 1;
        AnchoredAuditHead matching = null;
        AnchoredAuditHead differing = newest;
        while (differingIndex - matchingIndex > 1) {
            long middleIndex = matchingIndex + (differingIndex - matchingIndex) / 2;
            AnchoredAuditHead middle = anchors.at(middleIndex);
            if (matches(middle)) {
                matchingIndex = middleIndex;
                matching = middle;
            } else {
                differingIndex = middleIndex;
                differing = middle;
            }
        }
        long sequence = differing.head().sequence();
        String anchor = "the head anchored on chain in block " + differing.blockNumber() + " at "
                + differing.anchoredAt();
        String problem = trail.sealedHead(sequence).isPresent()
                ? "entry " + sequence + " differs from " + anchor + ": entries up to " + sequence
                + " were rewritten in the database after they were anchored, although the hash chain holds"
                : "entry " + sequence + ", " + anchor + ", is missing: entries were deleted from the database after "
                + "they were anchored";
        String since = matching == null ? "" : "; entries up to " + matching.head().sequence()
                + " still match the head anchored in block " + matching.blockNumber();
        return report.broken(sequence, problem + since);
    }

    private boolean matches(AnchoredAuditHead anchored) {
        return trail.sealedHead(anchored.head().sequence()).map(anchored.head()::equals).orElse(false);
    }
}
