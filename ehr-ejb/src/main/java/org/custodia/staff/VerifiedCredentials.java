package org.custodia.staff;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sign-ins whose password hash was verified recently, so that a staff client sending HTTP Basic credentials with
 * every request pays the deliberately slow PBKDF2 verification once every few minutes rather than on each call, and
 * does not read its account on each call either ({@link #recall}).
 *
 * <p>Nothing here can reveal a password: an entry is keyed by an HMAC of user name and password under a random
 * key that lives only in this process, and holds the stored hash it was verified against, so a changed password no
 * longer matches. It also holds the account as it was read then, which stands for the account only until an account
 * changes: {@link StaffDirectory} calls {@link #accountsChanged} on every change, and an entry read before that is
 * never recalled (it may still spare the PBKDF2 check against the same stored hash). This assumes that accounts change
 * only through this node's {@link StaffDirectory}, as they do: one node, one database. Entries expire after
 * {@link #LIFETIME}; the store is bounded. Thread-safe.
 */
@ApplicationScoped
public class VerifiedCredentials {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 10_000;

    /** How long a request waits for a check of the same credentials under way in another. */
    static final Duration CHECK_WAIT = Duration.ofSeconds(5);

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> underCheck = new ConcurrentHashMap<>();
    private final AtomicLong accountsVersion = new AtomicLong();
    private final SecretKeySpec key;
    private final Clock clock;

    public VerifiedCredentials() {
        this(new SecureRandom(), Clock.systemUTC());
    }

    VerifiedCredentials(SecureRandom random, Clock clock) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        this.clock = clock;
    }

    /**
     * The account {@code password} opened for {@code username} within the lifetime, as it still is: empty if it was
     * not verified recently, or if any account changed since it was read.
     */
    public Optional<Authenticated> recall(String username, char[] password) {
        return current(id(username, password))
                .filter(entry -> entry.accountsVersion == accountsVersion.get())
                .map(Entry::account);
    }

    /** Whether {@code password} was verified for {@code username} against {@code storedHash} within the lifetime. */
    public boolean recognises(String username, char[] password, String storedHash) {
        return current(id(username, password))
                .filter(entry -> MessageDigest.isEqual(entry.storedHash, storedHash.getBytes(StandardCharsets.UTF_8)))
                .isPresent();
    }

    /**
     * One check of the same credentials at a time: the first caller is to check them (its check lasts until it closes
     * the answer); a caller while that check is under way waits for it to end, at most {@link #CHECK_WAIT}, and then
     * finds its outcome with {@link #recognises}. So a client sending the same right password with several requests at
     * once (its parallel calls at its start, or as its entry expires) has it checked once, and the sign-in throttle,
     * which counts every check under way as a failure until it succeeds, does not lock the account meanwhile.
     */
    public Check oneCheckAtATime(String username, char[] password) {
        String id = id(username, password);
        CountDownLatch mine = new CountDownLatch(1);
        CountDownLatch running = underCheck.putIfAbsent(id, mine);
        if (running == null) {
            return new Check(true, () -> {
                underCheck.remove(id, mine);
                mine.countDown();
            });
        }
        try {
            running.await(CHECK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Check(false, () -> {
        });
    }

    /**
     * A caller's turn at checking credentials ({@link #oneCheckAtATime}).
     *
     * @param first whether the caller is the one to check them; otherwise a check of them ended meanwhile (or the
     *              wait gave up), and the caller looks for its outcome first
     */
    public record Check(boolean first, Runnable ending) implements AutoCloseable {

        @Override
        public void close() {
            ending.run();
        }
    }

    /** The version of the accounts to read before reading one, for {@link #remember}. */
    public long accountsVersion() {
        return accountsVersion.get();
    }

    /** An account changed (or is about to): no entry read before stands for its account any more. */
    public void accountsChanged() {
        accountsVersion.incrementAndGet();
    }

    /**
     * Records that {@code password} opened {@code account} for {@code username} against {@code storedHash}, as read
     * after {@link #accountsVersion()} returned {@code readAt}. The lifetime counts from the first verification
     * against that stored hash: remembering it again does not extend it.
     */
    public void remember(String username, char[] password, String storedHash, Authenticated account, long readAt) {
        byte[] hash = storedHash.getBytes(StandardCharsets.UTF_8);
        Instant now = clock.instant();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(entry -> entry.expiresAt.isBefore(now));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.compute(id(username, password), (id, earlier) -> new Entry(hash, account, readAt,
                earlier != null && MessageDigest.isEqual(earlier.storedHash, hash) && !earlier.expiresAt.isBefore(now)
                        ? earlier.expiresAt : now.plus(LIFETIME)));
    }

    private Optional<Entry> current(String id) {
        Entry entry = entries.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expiresAt.isBefore(clock.instant())) {
            entries.remove(id, entry);
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    private String id(String username, char[] password) {
        ByteBuffer secret = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] passwordBytes = new byte[secret.remaining()];
        secret.get(passwordBytes);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(passwordBytes);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
            if (secret.hasArray()) {
                Arrays.fill(secret.array(), (byte) 0);
            }
        }
    }

    private record Entry(byte[] storedHash, Authenticated account, long accountsVersion, Instant expiresAt) {
    }
}
