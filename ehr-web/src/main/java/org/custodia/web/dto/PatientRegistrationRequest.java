package org.custodia.web.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new patient, as the registration desk enters it. */
@Schema(name = "PatientRegistration")
public class PatientRegistrationRequest {

    @Schema(description = "The hospital's medical record number", required = true, example = "MRN-000123")
    public String mrn;
    @Schema(required = true, example = "Roe")
    public String familyName;
    @Schema(required = true, example = "Jane")
    public String givenName;
    @Schema(description = "ISO date", required = true, example = "1980-02-29")
    public String birthDate;
    @Schema(description = "National patient id; only its consortium pseudonym is stored in clear", required = true)
    public String nationalId;
}
