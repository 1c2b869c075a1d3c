package org.custodia.ledger.api;

import java.io.Serializable;
import java.util.Arrays;

/** A 20-byte chain account or contract address; written as {@code 0x} followed by 40 lowercase hex digits. */
public final class LedgerAddress implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Number of bytes. */
    public static final int LENGTH = 20;

    private final byte[] value;

    private LedgerAddress(byte[] value) {
        this.value = value;
    }

    /** Copies {@code bytes}, which must be exactly 20 bytes long. */
    public static LedgerAddress of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("an account address must have 20 bytes, got "
                    + (bytes == null ? "none" : bytes.length));
        }
        return new LedgerAddress(bytes.clone());
    }

    /** Parses 40 hex digits, with or without a {@code 0x} prefix, in any letter case. */
    public static LedgerAddress fromHex(String hex) {
        return new LedgerAddress(Hex.parse(hex, LENGTH, "an account address"));
    }

    /** A copy of the 20 bytes. */
    public byte[] toBytes() {
        return value.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LedgerAddress that && Arrays.equals(value, that.value);
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
