package org.custodia.ledger.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/**
 * A break-glass declaration: {@code requester} may read all records of the patient until {@code expiresAt}; it
 * stays flagged for review until a custodian of the patient other than the requester marks it reviewed.
 */
public record EmergencyAccess(long id, Bytes32 patientPseudonym, LedgerAddress requester, EmergencyReason reason,
        Instant declaredAt, Instant expiresAt, Optional<LedgerAddress> reviewedBy, Optional<Instant> reviewedAt)
        implements Serializable {

    public boolean isFlaggedForReview() {
        return reviewedAt.isEmpty();
    }

    /** Whether the declaration allows access at {@code now} (the chain's clock decides; see {@link ChainStatus}). */
    public boolean isActiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
