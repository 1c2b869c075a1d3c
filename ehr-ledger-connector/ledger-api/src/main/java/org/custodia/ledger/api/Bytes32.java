package org.custodia.ledger.api;

import java.io.Serializable;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A 32-byte value as the contracts store it: a record id, a patient pseudonym, a SHA-256 hash, a category tag or a
 * transaction hash. Immutable; written as {@code 0x} followed by 64 lowercase hex digits.
 */
public final class Bytes32 implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Number of bytes. */
    public static final int LENGTH = 32;

    private final byte[] value;

    private Bytes32(byte[] value) {
        this.value = value;
    }

    /** Copies {@code bytes}, which must be exactly 32 bytes long. */
    public static Bytes32 of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a 32-byte value must have 32 bytes, got "
                    + (bytes == null ? "none" : bytes.length));
        }
        return new Bytes32(bytes.clone());
    }

    /** Parses 64 hex digits, with or without a {@code 0x} prefix. */
    public static Bytes32 fromHex(String hex) {
        return new Bytes32(Hex.parse(hex, LENGTH, "a 32-byte value"));
    }

    /** A copy of the 32 bytes. */
    public byte[] toBytes() {
        return value.clone();
    }

    /** True when all 32 bytes are zero, which the contracts use for "none". */
    public boolean isZero() {
        for (byte b : value) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes32 that && MessageDigest.isEqual(value, that.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return Hex.format(value);
    }
}
