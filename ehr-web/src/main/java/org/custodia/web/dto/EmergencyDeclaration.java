package org.custodia.web.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A break-glass declaration for one of this hospital's patients. */
@Schema(name = "EmergencyDeclaration")
public class EmergencyDeclaration {

    @Schema(description = "This hospital's id of the patient", required = true)
    public String patientId;
    @Schema(description = "1 unconscious patient, 2 life-threatening condition, 3 custodian unreachable, "
            + "4 public health emergency", required = true, enumeration = {"1", "2", "3", "4"})
    public Integer reasonCode;
}
