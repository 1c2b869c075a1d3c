package org.custodia.patients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class PatientRegistrationTest {

    private final Demographics demographics = new Demographics("Roe", "Jane", LocalDate.of(1980, 2, 29), "AB 123-456");

    @Test
    void keepsTheMrnStrippedAndNeverShowsPhi() {
        PatientRegistration registration = new PatientRegistration("  MRN-000123 ", demographics);
        assertEquals("MRN-000123", registration.mrn());
        assertFalse(registration.toString().contains("Roe"), registration.toString());
        assertFalse(registration.toString().contains("MRN-000123"), registration.toString());
    }

    @Test
    void refusesMalformedMrns() {
        for (String mrn : new String[] {null, "", "   ", "MRN 1", "MRN/1", "x".repeat(65)}) {
            assertThrows(IllegalArgumentException.class, () -> new PatientRegistration(mrn, demographics), mrn);
        }
        assertThrows(NullPointerException.class, () -> new PatientRegistration("MRN-1", null));
    }

    /** Before, a family name with a control character was registered, and every SOAP read of the patient failed. */
    @Test
    void refusesDemographicsWithAControlCharacter() {
        LocalDate born = demographics.birthDate();
        for (Demographics withOne : new Demographics[] {new Demographics("Doe\u0001", "Jane", born, "AB 1"),
            new Demographics("Doe", "Ja\tne", born, "AB 1"), new Demographics("Doe", "Jane", born, "AB\u00001")}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new PatientRegistration("MRN-1", withOne));
            assertTrue(e.getMessage().endsWith("must be one line of text, without control characters"),
                    e.getMessage());
        }
    }
}
