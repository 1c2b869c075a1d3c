package org.custodia.web.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A grant this hospital issues to another hospital without a request. */
@Schema(name = "GrantCreation")
public class GrantCreation {

    @Schema(description = "This hospital's id of the patient", required = true)
    public String patientId;
    @Schema(description = "Ledger address of the hospital that may read", required = true)
    public String grantee;
    @Schema(required = true)
    public ScopeView scope;
    @Schema(description = "A purpose code", required = true,
            enumeration = {"treatment", "referral", "second-opinion", "continuity-of-care", "patient-request"})
    public String purpose;
    @Schema(description = "ISO-8601 instant, one minute to five years from now", required = true)
    public String expiresAt;
}
