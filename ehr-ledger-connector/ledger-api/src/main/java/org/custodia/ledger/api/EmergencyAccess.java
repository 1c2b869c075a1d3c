package org.custodia.ledger.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/**
 * A break-glass declaration: {@code requester} may read all records of the patient until {@code expiresAt}; it
 * stays flagged for review until a custodian of the patient marks it reviewed.
 */
public record EmergencyAccess(long id, Bytes32 patientPseudonym, LedgerAddress requester, String reason,
        Instant declaredAt, Instant expiresAt, Optional<LedgerAddress> reviewedBy, Optional<Instant> reviewedAt)
        implements Serializable {

    public boolean isFlaggedForReview() {
        return reviewedAt.isEmpty();
    }
}
