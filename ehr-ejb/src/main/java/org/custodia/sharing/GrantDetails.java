package org.custodia.sharing;

import java.time.Instant;
import java.util.UUID;

/**
 * A grant as the consent registry holds it, seen from this node.
 *
 * @param patientId this node's id of the patient, when it keeps one
 * @param status    {@code active}, {@code revoked} or {@code expired}
 * @param requestId the request it approved, if any
 * @param granteeName the grantee's name as the consortium registry lists it; null when it lists none (or could not
 *                    be read)
 */
public record GrantDetails(long id, Direction direction, UUID patientId, String custodian, String grantee,
        ScopeDetails scope, String purpose, Instant grantedAt, Instant expiresAt, Instant revokedAt, String status,
        Long requestId, String granteeName) {

    /** The grantee as staff read it: its name, or its address where the registry lists none. */
    public String granteeLabel() {
        return granteeName != null ? granteeName : grantee;
    }
}
