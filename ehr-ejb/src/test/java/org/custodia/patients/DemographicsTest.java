package org.custodia.patients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class DemographicsTest {

    /**
     * A birth date in the year 0 or before the common era was registered over REST and then broke every SOAP read of
     * the patient (xs:date has no year 0); before 1850 it is a mistyped year in any case.
     */
    @Test
    void aBirthDateBeforeAnyoneLivingWasBornIsNotRegistered() {
        for (LocalDate refused : new LocalDate[] {LocalDate.of(0, 1, 1), LocalDate.of(-44, 3, 15),
                LocalDate.of(195, 6, 1), LocalDate.of(1849, 12, 31)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new PatientRegistration("MRN-1", new Demographics("Roe", "Jane", refused, "AB 123-456")));
            assertTrue(e.getMessage().contains("on or after 1850-01-01"), e.getMessage());
        }
        assertEquals(Demographics.EARLIEST_BIRTH_DATE, new PatientRegistration("MRN-1",
                new Demographics("Roe", "Jane", LocalDate.of(1850, 1, 1), "AB 123-456")).demographics().birthDate());
    }

    /** A patient an earlier version registered with such a date still opens. */
    @Test
    void aPatientRegisteredEarlierWithSuchADateStillOpens() {
        Demographics stored = new Demographics("Roe", "Jane", LocalDate.of(0, 1, 1), "AB 123-456");
        assertEquals(LocalDate.of(0, 1, 1), Demographics.fromSecretBytes(stored.toSecretBytes()).birthDate());
    }

    @Test
    void aBirthDateInTheFutureIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new Demographics("Roe", "Jane", LocalDate.now().plusDays(2), "AB 123-456"));
    }

    /** The rule the registration page checks its field with is the registration's own. */
    @Test
    void theBirthDateCheckAloneRefusesWhatARegistrationRefuses() {
        for (LocalDate refused : new LocalDate[] {LocalDate.of(1849, 12, 31), LocalDate.now().plusDays(2)}) {
            assertThrows(IllegalArgumentException.class, () -> PatientRegistration.checkBirthDate(refused));
        }
        PatientRegistration.checkBirthDate(Demographics.EARLIEST_BIRTH_DATE);
        PatientRegistration.checkBirthDate(LocalDate.now());
    }
}
