package org.custodia.web.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A request to another hospital for access to its records of one of this hospital's patients. */
@Schema(name = "AccessRequestCreation")
public class AccessRequestCreation {

    @Schema(description = "This hospital's id of the patient", required = true)
    public String patientId;
    @Schema(description = "Ledger address of the custodian hospital", required = true)
    public String custodian;
    @Schema(required = true)
    public ScopeView scope;
    @Schema(description = "A purpose code", required = true,
            enumeration = {"treatment", "referral", "second-opinion", "continuity-of-care", "patient-request"})
    public String purpose;
}
