package org.custodia.staff;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/**
 * Staff password hashing with Jakarta Security's {@link Pbkdf2PasswordHash}: PBKDF2-HMAC-SHA256, 100,000 iterations,
 * 32-byte salt and key, stored as {@code PBKDF2WithHmacSHA256:<iterations>:<salt>:<hash>}. Verification reads the
 * parameters from the stored hash, so raising the iteration count later keeps existing passwords valid.
 */
public final class StaffPasswords {

    /** Shortest password accepted for a staff account. */
    public static final int MINIMUM_LENGTH = 12;

    static final int ITERATIONS = 100_000;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_AND_KEY_BYTES = 32;

    private final Pbkdf2PasswordHash hash;
    private final String unknownUserHash;

    public StaffPasswords(Pbkdf2PasswordHash hash) {
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", ALGORITHM,
                "Pbkdf2PasswordHash.Iterations", Integer.toString(ITERATIONS),
                "Pbkdf2PasswordHash.SaltSizeBytes", Integer.toString(SALT_AND_KEY_BYTES),
                "Pbkdf2PasswordHash.KeySizeBytes", Integer.toString(SALT_AND_KEY_BYTES)));
        this.hash = hash;
        // same parameters as a real hash, random bytes that no password derives to: costs what a real check costs
        this.unknownUserHash = ALGORITHM + ":" + ITERATIONS + ":" + randomBase64() + ":" + randomBase64();
    }

    /** A salted hash of {@code password} for storage. */
    public String hash(char[] password) {
        requireAcceptable(password);
        return hash.generate(password);
    }

    /**
     * Whether {@code password} matches {@code stored}; with {@code stored} null (no such user) it compares against a
     * dummy hash, so that the time taken does not tell whether a username exists.
     */
    public boolean verify(char[] password, String stored) {
        boolean matches = hash.verify(password, stored == null ? unknownUserHash : stored);
        return stored != null && matches;
    }

    /** Refuses a password shorter than {@link #MINIMUM_LENGTH}. */
    public static void requireAcceptable(char[] password) {
        if (password == null || password.length < MINIMUM_LENGTH) {
            throw new IllegalArgumentException("a staff password must have at least " + MINIMUM_LENGTH
                    + " characters");
        }
    }

    private static String randomBase64() {
        byte[] bytes = new byte[SALT_AND_KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
