package org.custodia.patients;

import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;

import org.custodia.kernel.TextField;

/**
 * What the registration desk enters for a new patient: the hospital's medical record number (MRN) and the
 * patient's demographics. The MRN is 1 to 64 letters, digits, dots, hyphens or underscores; the birth date is on or
 * after {@link Demographics#EARLIEST_BIRTH_DATE}.
 */
public record PatientRegistration(String mrn, Demographics demographics) {

    private static final Pattern MRN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public PatientRegistration {
        mrn = normaliseMrn(mrn);
        Objects.requireNonNull(demographics, "demographics");
        checkBirthDate(demographics.birthDate());
        // one line each, as for every typed field: SOAP's XML cannot carry a control character, which broke every
        // SOAP read of the patient (checked here, not in Demographics, so that such a patient registered before opens)
        TextField.required(demographics.familyName(), "family name", 200);
        TextField.required(demographics.givenName(), "given name", 200);
        TextField.required(demographics.nationalId(), "national id", 64);
    }

    /**
     * Refuses a birth date before {@link Demographics#EARLIEST_BIRTH_DATE} (a mistyped year; also one SOAP's
     * {@code xs:date} cannot carry, such as year 0) or in the future. The registration page checks its field with it.
     */
    public static void checkBirthDate(LocalDate birthDate) {
        Objects.requireNonNull(birthDate, "birthDate");
        if (birthDate.isBefore(Demographics.EARLIEST_BIRTH_DATE)) {
            throw new IllegalArgumentException("the birth date must be on or after " + Demographics.EARLIEST_BIRTH_DATE
                    + " (a mistyped year?)");
        }
        Demographics.requireNotInFuture(birthDate);
    }

    /** The MRN as stored: surrounding whitespace removed; refuses one that is empty or malformed. */
    public static String normaliseMrn(String mrn) {
        String stripped = mrn == null ? "" : mrn.strip();
        if (!MRN.matcher(stripped).matches()) {
            throw new IllegalArgumentException("an MRN is 1 to 64 letters, digits, dots, hyphens or underscores");
        }
        return stripped;
    }

    @Override
    public String toString() {
        return "PatientRegistration[redacted]";
    }
}
