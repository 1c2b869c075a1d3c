package org.custodia.web.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A search for one patient, by exactly one of MRN or national id: in a body, as a national id never goes in a URL. */
@Schema(name = "PatientSearch")
public class PatientSearchRequest {

    @Schema(description = "medical record number", example = "MRN-00042")
    public String mrn;
    @Schema(description = "national patient id")
    public String nationalId;
}
