package org.custodia.patients;

/**
 * What a patient is looked up by: exactly one of a medical record number and a national id. {@code toString} never
 * shows the national id.
 */
public record PatientQuery(String mrn, String nationalId) {

    /** @throws IllegalArgumentException unless exactly one is given */
    public PatientQuery {
        if ((mrn == null) == (nationalId == null)) {
            throw new IllegalArgumentException("give exactly one of mrn and nationalId");
        }
    }

    /** @throws IllegalArgumentException if {@code mrn} is null */
    public static PatientQuery byMrn(String mrn) {
        return new PatientQuery(mrn, null);
    }

    /** @throws IllegalArgumentException if {@code nationalId} is null */
    public static PatientQuery byNationalId(String nationalId) {
        return new PatientQuery(null, nationalId);
    }

    @Override
    public String toString() {
        return mrn != null ? "PatientQuery[by MRN]" : "PatientQuery[by national id]";
    }
}
