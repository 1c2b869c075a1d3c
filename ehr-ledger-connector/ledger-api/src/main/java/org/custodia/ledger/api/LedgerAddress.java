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
