package org.custodia.ledger.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A consent grant as stored on chain: custodian {@code custodian} lets {@code grantee} read the records in
 * {@code scope} for {@code purpose} until {@code expiresAt}, unless revoked. {@code requestId} names the access
 * request it answered, if any.
 */
public record Grant(long id, AccessScope scope, LedgerAddress custodian, LedgerAddress grantee, String purpose,
        Instant grantedAt, Instant expiresAt, Optional<Instant> revokedAt, OptionalLong requestId)
        implements Serializable {

    /** Whether the grant allows access at {@code now}. */
    public boolean isActiveAt(Instant now) {
        return revokedAt.isEmpty() && now.isBefore(expiresAt);
    }
}
