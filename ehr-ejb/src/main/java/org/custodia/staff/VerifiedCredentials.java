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
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sign-ins whose password hash was verified recently, so that a staff client sending HTTP Basic credentials with
 * every request pays the deliberately slow PBKDF2 verification once every few minutes rather than on each call.
 *
 * <p>Nothing here can reveal a password: an entry is keyed by an HMAC of user name and password under a random
 * key that lives only in this process, and holds the stored hash it was verified against, so a changed password
 * (or a changed account) no longer matches. Entries expire after {@link #LIFETIME}; the store is bounded.
 * Thread-safe.
 */
@ApplicationScoped
public class VerifiedCredentials {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 10_000;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
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

    /** Whether {@code password} was verified for {@code username} against {@code storedHash} within the lifetime. */
    public boolean recognises(String username, char[] password, String storedHash) {
        String id = id(username, password);
        Entry entry = entries.get(id);
        if (entry == null) {
            return false;
        }
        if (entry.expiresAt.isBefore(clock.instant())) {
            entries.remove(id, entry);
            return false;
        }
        return MessageDigest.isEqual(entry.storedHash, storedHash.getBytes(StandardCharsets.UTF_8));
    }

    /** Records that {@code password} verified for {@code username} against {@code storedHash}. */
    public void remember(String username, char[] password, String storedHash) {
        if (entries.size() >= MAX_ENTRIES) {
            Instant now = clock.instant();
            entries.values().removeIf(entry -> entry.expiresAt.isBefore(now));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(id(username, password),
                new Entry(storedHash.getBytes(StandardCharsets.UTF_8), clock.instant().plus(LIFETIME)));
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

    private record Entry(byte[] storedHash, Instant expiresAt) {
    }
}
