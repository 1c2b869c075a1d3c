package org.custodia.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Slows password guessing down without slowing staff down. Every checked sign-in counts as a failure until it
 * succeeds, per account (the username typed) and per source address, so that concurrent attempts count at once;
 * past a few free failures the account, or the source, is locked for a while: further attempts are refused without
 * a password check (no PBKDF2) and without an audit row each, the lock doubling with each further failure, up to
 * {@link #MAX_LOCK}. Failures are forgotten after {@link #FORGET_AFTER} without one; a success clears its account's
 * count and takes itself off its source's. Bounded in memory; thread-safe (each decision is taken under one lock,
 * so that concurrent attempts cannot all pass before the lock is set).
 */
@ApplicationScoped
public class SignInThrottle {

    /** Failed sign-ins an account may have before it is locked. */
    static final int ACCOUNT_FREE_FAILURES = 5;
    /** Failed sign-ins one source address may have (over any accounts) before it is locked. */
    static final int SOURCE_FREE_FAILURES = 50;
    static final Duration FIRST_LOCK = Duration.ofSeconds(1);
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofMinutes(30);
    static final int MAX_TRACKED = 10_000;

    private final Map<String, Failures> accounts = new ConcurrentHashMap<>();
    private final Map<String, Failures> sources = new ConcurrentHashMap<>();
    private final Clock clock;

    public SignInThrottle() {
        this(Clock.systemUTC());
    }

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * Whether an attempt for {@code account} from {@code source} may have its password checked: empty if so (the
     * attempt now counts as a failure until {@link #succeeded}), or how long the account or source is still locked
     * (the attempt is counted as refused unchecked, for the next lock's audit entry). A null {@code source} (a check
     * within a signed-in session, such as the current password of a password change) counts for the account only.
     */
    public synchronized Optional<Duration> admit(String account, String source) {
        Instant now = clock.instant();
        Optional<Duration> wait = longer(waitOf(accounts, account, now), waitOf(sources, source, now));
        if (wait.isPresent()) {
            accounts.computeIfPresent(account, (key, failures) -> failures.withRefusal());
            if (source != null) {
                sources.computeIfPresent(source, (key, failures) -> failures.withRefusal());
            }
        } else {
            count(accounts, account, ACCOUNT_FREE_FAILURES, now);
            count(sources, source, SOURCE_FREE_FAILURES, now);
        }
        return wait;
    }

    /** The lock an admitted attempt that failed leaves behind, if any: for its audit entry. */
    public synchronized Optional<Lock> failed(String account, String source) {
        Instant now = clock.instant();
        Optional<Lock> lock = lockOf("account", accounts.get(account), now);
        Optional<Lock> sourceLock = lockOf("source", source == null ? null : sources.get(source), now);
        if (lock.isEmpty() || sourceLock.isPresent()
                && sourceLock.get().duration().compareTo(lock.get().duration()) > 0) {
            lock = sourceLock;
        }
        return lock;
    }

    /** An admitted attempt succeeded: its account's failures are forgotten, and it is no failure of its source. */
    public synchronized void succeeded(String account, String source) {
        accounts.remove(account);
        if (source != null) {
            sources.computeIfPresent(source, (key, failures) -> failures.oneLess(SOURCE_FREE_FAILURES));
        }
    }

    private void count(Map<String, Failures> table, String key, int free, Instant now) {
        if (key == null) {
            return;
        }
        bound(table, now);
        table.compute(key, (ignored, known) -> (known == null || known.lastFailure().plus(FORGET_AFTER).isBefore(now)
                ? Failures.NONE : known).oneMore(now, free));
    }

    private static Optional<Lock> lockOf(String of, Failures failures, Instant now) {
        return failures == null || !failures.lockedUntil().isAfter(now) ? Optional.empty()
                : Optional.of(new Lock(of, Duration.between(now, failures.lockedUntil()), failures.count(),
                        failures.refusedWhileLocked()));
    }

    private Optional<Duration> waitOf(Map<String, Failures> table, String key, Instant now) {
        Failures failures = key == null ? null : table.get(key);
        return failures == null || !failures.lockedUntil().isAfter(now) ? Optional.empty()
                : Optional.of(Duration.between(now, failures.lockedUntil()));
    }

    private static Optional<Duration> longer(Optional<Duration> one, Optional<Duration> other) {
        if (one.isEmpty()) {
            return other;
        }
        return other.isPresent() && other.get().compareTo(one.get()) > 0 ? other : one;
    }

    /** Keeps the table bounded: forgotten entries go first, then everything not locked. */
    private void bound(Map<String, Failures> table, Instant now) {
        if (table.size() < MAX_TRACKED) {
            return;
        }
        table.values().removeIf(failures -> failures.lastFailure().plus(FORGET_AFTER).isBefore(now));
        if (table.size() >= MAX_TRACKED) {
            table.values().removeIf(failures -> !failures.lockedUntil().isAfter(now));
        }
        if (table.size() >= MAX_TRACKED) {
            // a flood of locked names: forgetting them all is the lesser harm than growing without bound
            table.clear();
        }
    }

    /**
     * A lock a failure started.
     *
     * @param of                  {@code account} or {@code source}
     * @param failures            the failures counted so far
     * @param refusedWhileLocked attempts refused without a check while locked, so far
     */
    public record Lock(String of, Duration duration, int failures, int refusedWhileLocked) {
    }

    private record Failures(int count, Instant lastFailure, Instant lockedUntil, int refusedWhileLocked) {

        static final Failures NONE = new Failures(0, Instant.EPOCH, Instant.EPOCH, 0);

        Failures oneMore(Instant now, int free) {
            int failures = count + 1;
            Instant until = lockedUntil;
            if (failures > free) {
                int doublings = Math.min(failures - free - 1, 20);
                Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
                until = now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
            }
            return new Failures(failures, now, until, refusedWhileLocked);
        }

        Failures withRefusal() {
            return new Failures(count, lastFailure, lockedUntil, refusedWhileLocked + 1);
        }

        /** One failure fewer (an attempt that turned out right); the lock lifts once within the free ones. */
        Failures oneLess(int free) {
            int failures = Math.max(0, count - 1);
            return new Failures(failures, lastFailure, failures <= free ? Instant.EPOCH : lockedUntil,
                    refusedWhileLocked);
        }
    }
}
