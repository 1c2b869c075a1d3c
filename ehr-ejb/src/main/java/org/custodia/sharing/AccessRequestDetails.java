package org.custodia.sharing;

import java.time.Instant;
import java.util.UUID;

/**
 * An access request as the consent registry holds it, seen from this node.
 *
 * @param patientId this node's id of the patient, when it keeps one
 * @param status    {@code pending}, {@code approved} or {@code denied}
 * @param grantId   the grant an approval issued
 * @param requesterName the requester's name as the consortium registry lists it; null when it lists none (or could
 *                      not be read)
 * @param custodianName the custodian's, likewise
 */
public record AccessRequestDetails(long id, Direction direction, UUID patientId, String requester, String custodian,
        ScopeDetails scope, String purpose, Instant requestedAt, String status, Long grantId, String requesterName,
        String custodianName) {

    /** The requester as staff read it: its name, or its address where the registry lists none. */
    public String requesterLabel() {
        return requesterName != null ? requesterName : requester;
    }

    /** The custodian as staff read it: its name, or its address where the registry lists none. */
    public String custodianLabel() {
        return custodianName != null ? custodianName : custodian;
    }
}
