package org.custodia.web.dto;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A break-glass declaration for one of this hospital's patients. */
@Schema(name = "EmergencyDeclaration")
public class EmergencyDeclaration {

    @Schema(description = "This hospital's id of the patient", required = true)
    public String patientId;
    /** Read as written: JSON-B would cut a fraction off an {@code Integer} and wrap a number beyond it. */
    @Schema(description = "1 unconscious patient, 2 life-threatening condition, 3 custodian unreachable, "
            + "4 public health emergency", required = true, type = SchemaType.INTEGER,
            enumeration = {"1", "2", "3", "4"})
    public BigDecimal reasonCode;
}
