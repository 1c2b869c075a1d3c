package org.custodia.web.dto;

import org.custodia.patients.PatientDetails;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A registered patient (PHI: served to authorised staff only). */
@Schema(name = "Patient")
public class PatientView {

    public String id;
    public String mrn;
    @Schema(description = "Consortium pseudonym (64 hex digits), the only patient identifier on chain")
    public String pseudonym;
    public String familyName;
    public String givenName;
    @Schema(description = "ISO date")
    public String birthDate;
    public String nationalId;
    @Schema(description = "ISO-8601 instant")
    public String registeredAt;
    @Schema(description = "Username of the staff member who registered the patient")
    public String registeredBy;

    public static PatientView of(PatientDetails patient) {
        PatientView view = new PatientView();
        view.id = patient.id().toString();
        view.mrn = patient.mrn();
        view.pseudonym = patient.pseudonym().hex();
        view.familyName = patient.demographics().familyName();
        view.givenName = patient.demographics().givenName();
        view.birthDate = patient.demographics().birthDate().toString();
        view.nationalId = patient.demographics().nationalId();
        view.registeredAt = patient.registeredAt().toString();
        view.registeredBy = patient.registeredBy();
        return view;
    }
}
