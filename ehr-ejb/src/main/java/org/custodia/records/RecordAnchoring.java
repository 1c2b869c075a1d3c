package org.custodia.records;

import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.ledger.api.AnchoredRecord;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;

/**
 * Checks anchored records against the chain through the ledger connector (anchors are written by
 * {@link AnchorRecordCommand} through the outbox). Runs outside transactions: the chain is never called inside one.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RecordAnchoring {

    @Resource(lookup = "java:app/eis/ledger")
    private LedgerConnectionFactory ledger;

    /**
     * Checks that the chain holds this node's anchor of {@code recordId} with {@code envelopeSha256}.
     *
     * @throws RecordIntegrityException        if the chain has no such anchor or another hash or custodian
     * @throws DependencyUnavailableException if the chain node cannot be asked
     */
    public void verifyOnChain(String recordId, byte[] envelopeSha256) {
        verifyOnChain(recordId, envelopeSha256, null);
    }

    /**
     * Checks that the chain holds {@code envelopeSha256} for the record, anchored by {@code custodian} (this node
     * when null).
     *
     * @throws RecordIntegrityException        if it does not
     * @throws DependencyUnavailableException if the chain node cannot be asked
     */
    public void verifyOnChain(String recordId, byte[] envelopeSha256, String custodian) {
        Bytes32 id = Bytes32.fromHex(recordId);
        Optional<AnchoredRecord> onChain;
        boolean ours;
        try (LedgerConnection chain = ledger.getConnection()) {
            onChain = chain.findRecord(id);
            ours = onChain.isPresent() && onChain.get().custodian().toString()
                    .equals(custodian == null ? chain.account().toString() : custodian);
        } catch (LedgerException e) {
            throw new DependencyUnavailableException("the chain node cannot confirm the anchor of record " + recordId
                    + ", so its content is not served: " + e.getMessage(), "the chain cannot confirm now that record "
                    + recordId + " is unaltered, so it is not shown; try again later", e);
        }
        if (onChain.isEmpty()) {
            throw new RecordIntegrityException("record " + recordId
                    + " is marked anchored, but the chain has no anchor for it");
        }
        if (!ours || !onChain.get().anchor().envelopeHash().equals(Bytes32.of(envelopeSha256))) {
            throw new RecordIntegrityException("record " + recordId
                    + " does not match the envelope hash its custodian anchored on chain");
        }
    }
}
