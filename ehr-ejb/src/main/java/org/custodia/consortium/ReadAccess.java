package org.custodia.consortium;

import java.time.Instant;

import org.custodia.ledger.api.AccessBasis;

/**
 * Whether this node may read a record now, as the chain decides it: on a basis (custodian, grant or emergency
 * access, the latter two with their id and expiry when the chain has them), or refused with a short reason.
 */
public record ReadAccess(AccessBasis.Kind basis, Long basisId, Instant expiresAt, String refusal) {

    static ReadAccess asCustodian() {
        return new ReadAccess(AccessBasis.Kind.CUSTODIAN, null, null, null);
    }

    static ReadAccess through(AccessBasis basis, Instant expiresAt) {
        return new ReadAccess(basis.kind(), basis.id(), expiresAt, null);
    }

    static ReadAccess refused(String reason) {
        return new ReadAccess(null, null, null, reason);
    }

    public boolean readable() {
        return basis != null;
    }
}
