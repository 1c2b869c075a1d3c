package org.custodia.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A subject sought as staff paste it: a record id as the chain events show it ({@code 0x}, any case), a patient id in
 * upper case. They found nothing, which a review reads as "no access".
 */
class AuditFilterTest {

    private static final String RECORD = "ab".repeat(32);

    @Test
    void recordIdsPatientIdsAndAddressesAreSoughtAsEntriesHoldThem() {
        assertEquals(RECORD, subject("0x" + RECORD.toUpperCase()));
        assertEquals(RECORD, subject(" " + RECORD.toUpperCase() + " "));
        assertEquals("0f0e2c5a-1b2c-4d5e-8f90-a1b2c3d4e5f6", subject("0F0E2C5A-1B2C-4D5E-8F90-A1B2C3D4E5F6"));
        assertEquals("0x4b20993bc481177ec7e8f571cecae8a9e22c02db",
                subject("0x4B20993Bc481177ec7E8f571ceCaE8A9e22C02db"));
    }

    @Test
    void theTextGivenIsSoughtTooAsEarlierEntriesMayHoldIt() {
        assertEquals(List.of("0x" + RECORD.toUpperCase(), RECORD),
                new AuditFilter(null, null, "0x" + RECORD.toUpperCase(), null, null).subjects());
        assertEquals(List.of(RECORD), new AuditFilter(null, null, RECORD, null, null).subjects());
    }

    /** Before, such an instant went to the database, beyond what PostgreSQL's timestamps hold. */
    @Test
    void aTimeOutsideTheYearsOneTo9999IsRefusedNamingTheCriterion() {
        for (String far : new String[] {"+999999999-01-01T00:00:00Z", "-0001-12-31T23:59:59Z",
            "+10000-01-01T00:00:00Z"}) {
            assertEquals("from must lie in the years 1 to 9999", assertThrows(IllegalArgumentException.class,
                    () -> new AuditFilter(null, null, null, Instant.parse(far), null)).getMessage(), far);
            assertEquals("to must lie in the years 1 to 9999", assertThrows(IllegalArgumentException.class,
                    () -> new AuditFilter(null, null, null, null, Instant.parse(far))).getMessage(), far);
        }
        Instant first = Instant.parse("0001-01-01T00:00:00Z");
        Instant last = Instant.parse("9999-12-31T23:59:59.999999Z");
        assertEquals(last, new AuditFilter(null, null, null, first, last).to());
    }

    /** No entry holds a control character; PostgreSQL failed the search on a NUL (500, read from its rules). */
    @Test
    void aCriterionWithAControlCharacterIsRefusedNamingIt() {
        assertEquals("the actor criterion must be one line of text, without control characters", assertThrows(
                IllegalArgumentException.class, () -> new AuditFilter("ad\u0000min", null, null, null, null))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AuditFilter(null, "record.\nupload", null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new AuditFilter(null, null, "x\u0007", null, null));
        assertEquals("dr.house", new AuditFilter(" dr.house\t", null, null, null, null).actor(),
                "surrounding white space is stripped first");
    }

    @Test
    void otherSubjectsAreSoughtAsGiven() {
        assertEquals("Owner Key abc", subject("Owner Key abc"));
        assertEquals("(unreadable)", subject("(unreadable)"));
        assertNull(subject("  "));
    }

    /** The subject as entries written now hold it: the last of those sought. */
    private static String subject(String given) {
        List<String> sought = new AuditFilter(null, null, given, null, null).subjects();
        return sought.isEmpty() ? null : sought.get(sought.size() - 1);
    }
}
