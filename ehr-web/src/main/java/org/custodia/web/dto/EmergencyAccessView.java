package org.custodia.web.dto;

import java.util.Locale;

import org.custodia.sharing.EmergencyAccessDetails;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A break-glass declaration as the consent registry holds it. */
@Schema(name = "EmergencyAccess")
public class EmergencyAccessView {

    public long id;
    @Schema(enumeration = {"incoming", "outgoing"})
    public String direction;
    @Schema(description = "This hospital's id of the patient, when it keeps one")
    public String patientId;
    @Schema(description = "Ledger address of the declaring hospital")
    public String declarer;
    public int reasonCode;
    public String reason;
    @Schema(description = "ISO-8601 instant")
    public String declaredAt;
    @Schema(description = "ISO-8601 instant the chain ends it; absent only in the answer to a declaration the chain "
            + "node did not show yet (listed with it once the node has read its event)")
    public String expiresAt;
    public boolean active;
    @Schema(description = "Ledger address of the reviewing custodian, once reviewed")
    public String reviewedBy;
    @Schema(description = "ISO-8601 instant, once reviewed")
    public String reviewedAt;

    public static EmergencyAccessView of(EmergencyAccessDetails emergency) {
        EmergencyAccessView view = new EmergencyAccessView();
        view.id = emergency.id();
        view.direction = emergency.direction().name().toLowerCase(Locale.ROOT);
        view.patientId = emergency.patientId() == null ? null : emergency.patientId().toString();
        view.declarer = emergency.declarer();
        view.reasonCode = emergency.reasonCode();
        view.reason = emergency.reason().toLowerCase(Locale.ROOT).replace('_', '-');
        view.declaredAt = emergency.declaredAt().toString();
        view.expiresAt = emergency.expiresAt() == null ? null : emergency.expiresAt().toString();
        view.active = emergency.active();
        view.reviewedBy = emergency.reviewedBy();
        view.reviewedAt = emergency.reviewedAt() == null ? null : emergency.reviewedAt().toString();
        return view;
    }
}
