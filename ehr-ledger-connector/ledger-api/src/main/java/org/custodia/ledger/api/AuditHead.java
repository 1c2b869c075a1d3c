package org.custodia.ledger.api;

import java.io.Serializable;

/**
 * The head of a node's audit trail hash chain, as the node anchors it on chain: the sequence of the trail's newest
 * sealed entry and that entry's SHA-256, which chains every entry before it. A hash over audit entries reveals
 * nothing of them, nor of any patient.
 */
public record AuditHead(long sequence, Bytes32 entryHash) implements Serializable {

    public AuditHead {
        if (sequence < 1) {
            throw new IllegalArgumentException("an audit trail's sequences start at 1, got " + sequence);
        }
        RecordAnchor.requireNonZero(entryHash, "audit entry hash");
    }
}
