package org.custodia.sharing;

import java.time.Instant;
import java.util.UUID;

/**
 * A break-glass declaration as the consent registry holds it, seen from this node.
 *
 * @param patientId  this node's id of the patient, when it keeps one
 * @param reasonCode the code of the reason from the closed list; {@code reason} its name
 * @param active     whether it still allows access
 * @param declarerName the declarer's name as the consortium registry lists it; null when it lists none (or could
 *                     not be read)
 */
public record EmergencyAccessDetails(long id, Direction direction, UUID patientId, String declarer, int reasonCode,
        String reason, Instant declaredAt, Instant expiresAt, boolean active, String reviewedBy,
        Instant reviewedAt, String declarerName) {

    /** The declarer as staff read it: its name, or its address where the registry lists none. */
    public String declarerLabel() {
        return declarerName != null ? declarerName : declarer;
    }
}
