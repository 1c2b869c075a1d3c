package org.custodia.ledger.api;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * A record category code such as {@code lab-result}, used by category-scoped consent. On chain it is the code's
 * UTF-8 bytes, left-aligned and zero-padded to 32 bytes, so it is at most 32 bytes long.
 */
public record Category(String code) implements Serializable {

    /** Longest code in UTF-8 bytes. */
    public static final int MAX_BYTES = 32;

    public Category {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("a record category code must not be empty");
        }
        if (code.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a record category code must not contain NUL characters");
        }
        int length = code.getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_BYTES) {
            throw new IllegalArgumentException("record category code '" + code + "' is " + length
                    + " bytes in UTF-8; at most " + MAX_BYTES + " are allowed");
        }
    }

    /** The 32-byte form stored on chain. */
    public Bytes32 toBytes32() {
        byte[] padded = new byte[Bytes32.LENGTH];
        byte[] text = code.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(text, 0, padded, 0, text.length);
        return Bytes32.of(padded);
    }

    /** Reads the 32-byte form back; trailing zero bytes end the code. */
    public static Category fromBytes32(Bytes32 value) {
        byte[] bytes = value.toBytes();
        int length = 0;
        while (length < bytes.length && bytes[length] != 0) {
            length++;
        }
        return new Category(new String(bytes, 0, length, StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return code;
    }
}
