package org.custodia.patients;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A patient's consortium-wide pseudonym, {@code HMAC-SHA256(consortium pseudonym key, normalised national id)}: the
 * only patient identifier that reaches the chain. 64 lowercase hex digits.
 */
public record Pseudonym(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Pseudonym {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a pseudonym is 64 lowercase hex digits");
        }
    }

    static Pseudonym fromHex(String hex) {
        return new Pseudonym(hex);
    }

    public byte[] toBytes() {
        return HexFormat.of().parseHex(hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
