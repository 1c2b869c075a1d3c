package org.custodia.patients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class PseudonymizerTest {

    /** Key bytes 0x00..0x1f. */
    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void pseudonymIsHmacSha256OfTheNormalisedNationalId() {
        // computed independently: python3 hmac.new(bytes(range(32)), b"AB123456", sha256).hexdigest()
        String expected = "92fb13e7bd18bbe5ff1a21f94ac1c4a8d8d0a31f0389355d2640adada9647380";
        Pseudonymizer pseudonymizer = Pseudonymizer.fromConfiguredKey(KEY);
        assertEquals(expected, pseudonymizer.pseudonymOf("AB123456").hex());
        assertEquals(expected, pseudonymizer.pseudonymOf(" ab 123-456 ").hex(), "spaces, hyphens and case ignored");
        assertNotEquals(expected, pseudonymizer.pseudonymOf("AB123457").hex());
    }

    @Test
    void anotherConsortiumKeyGivesAnotherPseudonym() {
        String otherKey = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertNotEquals(Pseudonymizer.fromConfiguredKey(KEY).pseudonymOf("AB123456"),
                Pseudonymizer.fromConfiguredKey(otherKey).pseudonymOf("AB123456"));
    }

    @Test
    void missingOrWeakKeysAreRefusedNamingTheSetting() {
        for (String key : new String[] {null, "", "not base64!", "AAECAwQFBgcICQoLDA0ODw=="}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Pseudonymizer.fromConfiguredKey(key));
            assertTrue(e.getMessage().contains("custodia.consortium.pseudonym-key"), e.getMessage());
        }
    }

    @Test
    void emptyNationalIdsAreRefused() {
        Pseudonymizer pseudonymizer = Pseudonymizer.fromConfiguredKey(KEY);
        assertThrows(IllegalArgumentException.class, () -> pseudonymizer.pseudonymOf(" - "));
        assertThrows(IllegalArgumentException.class, () -> pseudonymizer.pseudonymOf(null));
    }

    @Test
    void demographicsRoundTripAndNeverPrint() {
        Demographics demographics = new Demographics("Doe", "Jane", LocalDate.of(1980, 2, 29), "AB123456");
        assertEquals(demographics, Demographics.fromSecretBytes(demographics.toSecretBytes()));
        assertEquals("Demographics[redacted]", demographics.toString());
        assertEquals("Pseudonymizer[redacted]", Pseudonymizer.fromConfiguredKey(KEY).toString());
        assertThrows(IllegalArgumentException.class,
                () -> new Demographics("Doe", " ", LocalDate.of(1980, 1, 1), "X1"));
        assertThrows(IllegalArgumentException.class,
                () -> new Demographics("Doe", "Jane", LocalDate.now().plusYears(1), "X1"));
    }
}
