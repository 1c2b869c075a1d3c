package org.custodia.crypto.internal;

import java.util.Arrays;

/**
 * What the fixed-base combs share: reading a secret exponent by 4-bit windows, and picking a table entry by a
 * secret index without indexing memory by it.
 */
final class CombTables {

    static final int WINDOW_BITS = 4;
    static final int TABLE_SIZE = 1 << WINDOW_BITS;
    /** Windows in a {@link SecretScalar#LENGTH}-byte exponent. */
    static final int WINDOWS = SecretScalar.LENGTH * 8 / WINDOW_BITS;

    private CombTables() {
    }

    /** Copies table[index] into out, reading every entry and keeping one under a mask. */
    static void select(long[][] table, int index, long[] out) {
        Arrays.fill(out, 0L);
        for (int i = 0; i < table.length; i++) {
            long mask = ((long) (i ^ index) - 1) >> 63;
            long[] candidate = table[i];
            for (int limb = 0; limb < out.length; limb++) {
                out[limb] |= candidate[limb] & mask;
            }
        }
    }

    /** The window-th 4-bit digit of a big-endian exponent, counted from the least significant end. */
    static int window(byte[] exponent, int window) {
        int octet = exponent[exponent.length - 1 - window / 2] & 0xff;
        return (window % 2 == 0) ? octet & 0x0f : octet >>> 4;
    }
}
