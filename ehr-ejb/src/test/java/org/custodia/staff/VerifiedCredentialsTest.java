package org.custodia.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

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

    /**
     * The same credentials sent by several requests at once are checked by the first: the others wait for its check
     * and find its outcome. Before, each was checked and counted as a failure under way, and the sixth locked the
     * account of a client with the right password.
     */
    @Test
    void theSameCredentialsAreCheckedOnceAtATimeAndOthersWaitForTheOutcome() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        char[] password = "correct horse".toCharArray();
        try (VerifiedCredentials.Check first = credentials.oneCheckAtATime("nurse.joy", password)) {
            assertTrue(first.first());
            try (VerifiedCredentials.Check another = credentials.oneCheckAtATime("nurse.joy",
                    "another guess".toCharArray())) {
                assertTrue(another.first(), "other credentials are not held up");
            }
            AtomicReference<Thread> secondThread = new AtomicReference<>();
            Future<Boolean> waiting = other.submit(() -> {
                secondThread.set(Thread.currentThread());
                try (VerifiedCredentials.Check second = credentials.oneCheckAtATime("nurse.joy",
                        "correct horse".toCharArray())) {
                    return second.first() || !credentials.recognises("nurse.joy", "correct horse".toCharArray(), HASH);
                }
            });
            // the second is parked in its wait (a timed wait) before the first's check ends
            Instant deadline = Instant.now().plusSeconds(5);
            while (secondThread.get() == null || secondThread.get().getState() != Thread.State.TIMED_WAITING) {
                assertTrue(Instant.now().isBefore(deadline), "the second never waited");
                Thread.onSpinWait();
            }
            assertFalse(waiting.isDone(), "the second waits while the first checks");
            credentials.remember("nurse.joy", "correct horse".toCharArray(), HASH, NURSE,
                    credentials.accountsVersion());
            first.close();
            assertFalse(waiting.get(5, TimeUnit.SECONDS), "the second finds the first's outcome, unchecked");
        } finally {
            other.shutdownNow();
        }
        try (VerifiedCredentials.Check later = credentials.oneCheckAtATime("nurse.joy", password)) {
            assertTrue(later.first(), "once the check ended, the next is a check of its own");
        }
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
