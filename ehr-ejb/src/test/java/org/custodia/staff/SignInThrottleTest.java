package org.custodia.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.custodia.testing.MovableClock;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(clock);

    @Test
    void anAccountIsLockedAfterItsFreeFailuresAndTheLockDoubles() {
        for (int attempt = 0; attempt <= SignInThrottle.ACCOUNT_FREE_FAILURES; attempt++) {
            assertEquals(Optional.empty(), throttle.admit("n.nurse", "10.0.0." + attempt), "attempt " + attempt);
            throttle.failed("n.nurse", "10.0.0." + attempt);
        }
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.admit("n.nurse", "10.0.0.99"),
                "from any address");
        assertEquals(Optional.empty(), throttle.admit("p.phys", "10.0.0.99"), "other accounts are not locked");

        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), throttle.admit("n.nurse", "10.0.0.1"));
        SignInThrottle.Lock lock = throttle.failed("n.nurse", "10.0.0.1").orElseThrow();
        assertEquals("account", lock.of());
        assertEquals(Duration.ofSeconds(2), lock.duration());
        assertEquals(1, lock.refusedWhileLocked());
    }

    /** A password change's current password, checked within a session (no source), shares the account's count. */
    @Test
    void checksWithoutASourceCountForTheAccountOnly() {
        for (int attempt = 0; attempt <= SignInThrottle.ACCOUNT_FREE_FAILURES; attempt++) {
            assertEquals(Optional.empty(), throttle.admit("n.nurse", null), "attempt " + attempt);
            throttle.failed("n.nurse", null);
        }
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.admit("n.nurse", "10.0.0.1"),
                "the sign-in page is locked for the account too");
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.admit("n.nurse", null));
        assertEquals(Optional.empty(), throttle.admit("p.phys", "10.0.0.1"), "no source was counted");

        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), throttle.admit("n.nurse", null));
        throttle.succeeded("n.nurse", null);
        assertEquals(Optional.empty(), throttle.admit("n.nurse", null), "a success clears the account");
    }

    @Test
    void concurrentAttemptsCountBeforeTheirPasswordsAreChecked() {
        int admitted = 0;
        for (int attempt = 0; attempt < 200; attempt++) {
            if (throttle.admit("user" + attempt, "10.1.1.1").isEmpty()) {
                admitted++;
            }
        }
        assertEquals(SignInThrottle.SOURCE_FREE_FAILURES + 1, admitted,
                "200 attempts in flight at once from one address: only the free ones and the one that locks run");
    }

    @Test
    void successClearsTheAccountAndIsNoFailureOfItsSource() {
        for (int attempt = 0; attempt < SignInThrottle.ACCOUNT_FREE_FAILURES; attempt++) {
            throttle.admit("n.nurse", "10.0.0.1");
            throttle.failed("n.nurse", "10.0.0.1");
        }
        throttle.admit("n.nurse", "10.0.0.1");
        throttle.succeeded("n.nurse", "10.0.0.1");
        for (int attempt = 0; attempt < SignInThrottle.ACCOUNT_FREE_FAILURES; attempt++) {
            assertEquals(Optional.empty(), throttle.admit("n.nurse", "10.0.0.1"), "counted from zero again");
            throttle.failed("n.nurse", "10.0.0.1");
        }
    }

    @Test
    void failuresAreForgottenAfterAQuietPeriodAndLocksAreCapped() {
        Duration longest = Duration.ZERO;
        for (int attempt = 0; attempt < 60; attempt++) {
            Optional<Duration> wait = throttle.admit("n.nurse", "10.0.0.1");
            if (wait.isPresent()) {
                longest = wait.get().compareTo(longest) > 0 ? wait.get() : longest;
                clock.advance(wait.get());
            } else {
                throttle.failed("n.nurse", "10.0.0.1");
            }
        }
        assertEquals(SignInThrottle.MAX_LOCK, longest, "the lock grows to its cap and no further");
        clock.advance(SignInThrottle.MAX_LOCK.plus(SignInThrottle.FORGET_AFTER).plusSeconds(1));
        for (int attempt = 0; attempt <= SignInThrottle.ACCOUNT_FREE_FAILURES; attempt++) {
            assertEquals(Optional.empty(), throttle.admit("n.nurse", "10.0.0.1"), "attempt " + attempt);
            throttle.failed("n.nurse", "10.0.0.1");
        }
    }
}
