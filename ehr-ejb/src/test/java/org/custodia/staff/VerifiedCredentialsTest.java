package org.custodia.staff;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

    private static final String HASH = "PBKDF2WithHmacSHA256:100000:c2FsdA==:aGFzaA==";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final VerifiedCredentials credentials = new VerifiedCredentials(new SecureRandom(), clock);

    @Test
    void aRememberedSignInIsRecognisedOnlyWithTheSamePasswordAndStoredHash() {
        assertFalse(credentials.recognises("nurse.joy", "correct horse".toCharArray(), HASH), "nothing verified yet");
        credentials.remember("nurse.joy", "correct horse".toCharArray(), HASH);

        assertTrue(credentials.recognises("nurse.joy", "correct horse".toCharArray(), HASH));
        assertFalse(credentials.recognises("nurse.joy", "correct horsE".toCharArray(), HASH), "another password");
        assertFalse(credentials.recognises("nurse.joe", "correct horse".toCharArray(), HASH), "another user");
        assertFalse(credentials.recognises("nurse.joy", "correct horse".toCharArray(), HASH + "x"),
                "the account's password changed since");
    }

    @Test
    void userNameAndPasswordCannotBeShiftedIntoEachOther() {
        credentials.remember("ab", "c".toCharArray(), HASH);
        assertFalse(credentials.recognises("a", "bc".toCharArray(), HASH));
    }

    @Test
    void anEntryExpiresAfterItsLifetime() {
        credentials.remember("dr.who", "tardis blue box".toCharArray(), HASH);
        clock.advance(VerifiedCredentials.LIFETIME.minusSeconds(1));
        assertTrue(credentials.recognises("dr.who", "tardis blue box".toCharArray(), HASH));
        clock.advance(Duration.ofSeconds(2));
        assertFalse(credentials.recognises("dr.who", "tardis blue box".toCharArray(), HASH));
    }

    @Test
    void theStoreStaysBounded() {
        for (int i = 0; i <= VerifiedCredentials.MAX_ENTRIES; i++) {
            credentials.remember("user" + i, "password".toCharArray(), HASH);
        }
        assertTrue(credentials.recognises("user" + VerifiedCredentials.MAX_ENTRIES, "password".toCharArray(), HASH),
                "the newest entry is kept");
        assertFalse(credentials.recognises("user0", "password".toCharArray(), HASH), "older entries were dropped");
    }
}
