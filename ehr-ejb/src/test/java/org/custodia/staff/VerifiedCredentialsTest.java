package org.custodia.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;

import org.custodia.kernel.StaffRole;
import org.custodia.testing.MovableClock;

import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

    private static final String HASH = "PBKDF2WithHmacSHA256:100000:c2FsdA==:aGFzaA==";

    private static final Authenticated NURSE = new Authenticated(EnumSet.of(StaffRole.NURSE), false);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final VerifiedCredentials credentials = new VerifiedCredentials(new SecureRandom(), clock);

    @Test
    void aRememberedSignInIsRecognisedOnlyWithTheSamePasswordAndStoredHash() {
        assertFalse(credentials.recognises("nurse.joy", "correct horse".toCharArray(), HASH), "nothing verified yet");
        credentials.remember("nurse.joy", "correct horse".toCharArray(), HASH, NURSE, credentials.accountsVersion());

        assertTrue(credentials.recognises("nurse.joy", "correct horse".toCharArray(), HASH));
        assertFalse(credentials.recognises("nurse.joy", "correct horsE".toCharArray(), HASH), "another password");
        assertFalse(credentials.recognises("nurse.joe", "correct horse".toCharArray(), HASH), "another user");
        assertFalse(credentials.recognises("nurse.joy", "correct horse".toCharArray(), HASH + "x"),
                "the account's password changed since");
    }

    @Test
    void userNameAndPasswordCannotBeShiftedIntoEachOther() {
        credentials.remember("ab", "c".toCharArray(), HASH, NURSE, credentials.accountsVersion());
        assertFalse(credentials.recognises("a", "bc".toCharArray(), HASH));
    }

    @Test
    void anEntryExpiresAfterItsLifetime() {
        credentials.remember("dr.who", "tardis blue box".toCharArray(), HASH, NURSE, credentials.accountsVersion());
        clock.advance(VerifiedCredentials.LIFETIME.minusSeconds(1));
        assertTrue(credentials.recognises("dr.who", "tardis blue box".toCharArray(), HASH));
        clock.advance(Duration.ofSeconds(2));
        assertFalse(credentials.recognises("dr.who", "tardis blue box".toCharArray(), HASH));
    }

    @Test
    void theStoreStaysBounded() {
        for (int i = 0; i <= VerifiedCredentials.MAX_ENTRIES; i++) {
            credentials.remember("user" + i, "password".toCharArray(), HASH, NURSE, credentials.accountsVersion());
        }
        assertTrue(credentials.recognises("user" + VerifiedCredentials.MAX_ENTRIES, "password".toCharArray(), HASH),
                "the newest entry is kept");
        assertFalse(credentials.recognises("user0", "password".toCharArray(), HASH), "older entries were dropped");
    }

    @Test
    void aRememberedAccountIsRecalledUntilAnAccountChanges() {
        assertEquals(Optional.empty(), credentials.recall("nurse.joy", "correct horse".toCharArray()));
        credentials.remember("nurse.joy", "correct horse".toCharArray(), HASH, NURSE, credentials.accountsVersion());

        assertEquals(Optional.of(NURSE), credentials.recall("nurse.joy", "correct horse".toCharArray()));
        assertEquals(Optional.empty(), credentials.recall("nurse.joy", "correct horsE".toCharArray()));
        assertEquals(Optional.empty(), credentials.recall("nurse.joe", "correct horse".toCharArray()));

        credentials.accountsChanged();
        assertEquals(Optional.empty(), credentials.recall("nurse.joy", "correct horse".toCharArray()),
                "the account must be read again");
        assertTrue(credentials.recognises("nurse.joy", "correct horse".toCharArray(), HASH),
                "the password need not be hashed again while the stored hash is the same");
    }

    @Test
    void anAccountReadBeforeAChangeIsNeverRecalled() {
        long readAt = credentials.accountsVersion();
        credentials.accountsChanged(); // an administrator's change commits while the sign-in reads the old row
        credentials.remember("nurse.joy", "correct horse".toCharArray(), HASH, NURSE, readAt);
        assertEquals(Optional.empty(), credentials.recall("nurse.joy", "correct horse".toCharArray()));
    }

    @Test
    void rememberingAgainDoesNotExtendTheLifetime() {
        credentials.remember("dr.who", "tardis blue box".toCharArray(), HASH, NURSE, credentials.accountsVersion());
        clock.advance(VerifiedCredentials.LIFETIME.minusSeconds(10));
        credentials.remember("dr.who", "tardis blue box".toCharArray(), HASH, NURSE, credentials.accountsVersion());
        clock.advance(Duration.ofSeconds(11));
        assertEquals(Optional.empty(), credentials.recall("dr.who", "tardis blue box".toCharArray()));
        assertFalse(credentials.recognises("dr.who", "tardis blue box".toCharArray(), HASH));
    }
}
