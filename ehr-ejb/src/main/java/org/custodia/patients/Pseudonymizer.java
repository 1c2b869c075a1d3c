package org.custodia.patients;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes pseudonyms with the consortium pseudonym key, which every member holds (off chain) so that the same
 * patient has the same pseudonym at every hospital. A national id is normalised first: whitespace and hyphens are
 * removed and letters upper-cased, so {@code "ab 123-456"} and {@code "AB123456"} give the same pseudonym.
 */
public final class Pseudonymizer {

    private static final int MINIMUM_KEY_BYTES = 32;

    private final SecretKeySpec key;

    private Pseudonymizer(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * @param base64Key the consortium pseudonym key, base64, at least 32 bytes
     * @throws IllegalStateException naming the setting when the key is missing, malformed or short
     */
    public static Pseudonymizer fromConfiguredKey(String base64Key) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key == null ? "" : base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("custodia.consortium.pseudonym-key is not valid base64");
        }
        if (key.length < MINIMUM_KEY_BYTES) {
            throw new IllegalStateException("custodia.consortium.pseudonym-key must hold at least "
                    + MINIMUM_KEY_BYTES + " bytes (base64), got " + key.length);
        }
        try {
            return new Pseudonymizer(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The pseudonym of a national id; refuses an id that is empty after normalisation. */
    public Pseudonym pseudonymOf(String nationalId) {
        String normalised = normalise(nationalId);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return new Pseudonym(HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required of every Java platform", e);
        }
    }

    static String normalise(String nationalId) {
        String normalised = nationalId == null ? ""
                : nationalId.replaceAll("[\\s\\-]", "").toUpperCase(Locale.ROOT);
        if (normalised.isEmpty()) {
            throw new IllegalArgumentException("a national id is required");
        }
        return normalised;
    }

    @Override
    public String toString() {
        return "Pseudonymizer[redacted]";
    }
}
