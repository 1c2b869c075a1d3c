package org.custodia.crypto.internal;

import java.util.Arrays;
import supranational.blst.PT;

/**
 * Exponentiation in GT with a secret 256-bit exponent, built on blst's Fp12 multiply and square.
 *
 * <p>Fixed 4-bit windows: every window costs the same squarings and one multiplication, and the table entry is
 * picked by reading all 16 entries and keeping one under a mask, so neither the sequence of operations nor the
 * memory addresses touched depend on the exponent. For the fixed base Z = e(g1, g2) a precomputed comb (one
 * 16-entry table per window, no squarings) does the same with a quarter of the multiplications.
 */
final class GtExponentiation {

    private static final int WINDOW_BITS = 4;
    private static final int TABLE_SIZE = 1 << WINDOW_BITS;
    private static final int WINDOWS = SecretScalar.LENGTH * 8 / WINDOW_BITS;

    private final long[][][] fixedBaseTables;

    /** Precomputes the comb tables for {@code base} (64 tables of 16 entries, about 590 KB). */
    GtExponentiation(long[] base) {
        fixedBaseTables = new long[WINDOWS][][];
        long[] windowBase = base.clone();
        for (int window = 0; window < WINDOWS; window++) {
            fixedBaseTables[window] = powers(windowBase);
            for (int bit = 0; bit < WINDOW_BITS; bit++) {
                Fp12Limbs.wrap(windowBase).sqr();
            }
        }
    }

    /** The precomputed base raised to {@code exponent} (32 big-endian bytes). */
    long[] pow(byte[] exponent) {
        long[] result = one();
        long[] entry = new long[Fp12Limbs.LIMBS];
        PT accumulator = Fp12Limbs.wrap(result);
        PT selected = Fp12Limbs.wrap(entry);
        for (int window = 0; window < WINDOWS; window++) {
            select(fixedBaseTables[window], digit(exponent, WINDOWS - 1 - window), entry);
            accumulator.mul(selected);
        }
        return result;
    }

    /** {@code base} raised to {@code exponent} (32 big-endian bytes). */
    static long[] pow(long[] base, byte[] exponent) {
        long[][] table = powers(base);
        long[] result = one();
        long[] entry = new long[Fp12Limbs.LIMBS];
        PT accumulator = Fp12Limbs.wrap(result);
        PT selected = Fp12Limbs.wrap(entry);
        for (int window = 0; window < WINDOWS; window++) {
            for (int bit = 0; bit < WINDOW_BITS; bit++) {
                accumulator.sqr();
            }
            select(table, digit(exponent, window), entry);
            accumulator.mul(selected);
        }
        return result;
    }

    static long[] one() {
        return Fp12Limbs.of(PT.one()).clone();
    }

    /** base^0 .. base^15. */
    private static long[][] powers(long[] base) {
        long[][] table = new long[TABLE_SIZE][];
        table[0] = one();
        table[1] = base.clone();
        PT factor = Fp12Limbs.wrap(base);
        for (int i = 2; i < TABLE_SIZE; i++) {
            table[i] = table[i - 1].clone();
            Fp12Limbs.wrap(table[i]).mul(factor);
        }
        return table;
    }

    /** Copies table[digit] into out, reading every entry. */
    private static void select(long[][] table, int digit, long[] out) {
        Arrays.fill(out, 0L);
        for (int i = 0; i < TABLE_SIZE; i++) {
            long mask = ((long) (i ^ digit) - 1) >> 63;
            long[] candidate = table[i];
            for (int limb = 0; limb < out.length; limb++) {
                out[limb] |= candidate[limb] & mask;
            }
        }
    }

    /** The index-th 4-bit digit counted from the most significant end. */
    private static int digit(byte[] exponent, int index) {
        int octet = exponent[index / 2] & 0xff;
        return (index % 2 == 0) ? octet >>> 4 : octet & 0x0f;
    }
}
