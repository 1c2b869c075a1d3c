package org.custodia.crypto.internal;

import java.util.Arrays;
import supranational.blst.PT;

/**
 * Exponentiation in GT with a secret exponent below q, built on blst's Fp12 multiply and square.
 *
 * <p>Neither the sequence of operations nor the memory addresses touched depend on the exponent: every step does the
 * same squarings and one multiplication, and the table entry is picked by reading all 16 entries and keeping one
 * under a mask.
 *
 * <p>Variable base x (an element of GT, treated as public): p = z (mod q) for the curve parameter
 * z = -0xd201000000010000, so on GT the Frobenius map, a few multiplications by constants, is the power by z, and
 * x^|z| = conj(x^p) (see {@link GtFrobenius}). The exponent e is written in base |z| with four 64-bit digits,
 * e = d0 + d1 |z| + d2 |z|^2 + d3 |z|^3 (constant-time division), and x^e is the simultaneous power of the four
 * bases x^(|z|^k) by the digits: one pass over the 64 bits of the digits, each step one squaring and one
 * multiplication by the product of the bases whose digit has that bit set, from a table of the 16 such products
 * (11 multiplications to build). That is 63 squarings and 74 multiplications, against 256 squarings and 78
 * multiplications for fixed 4-bit windows over e itself.
 *
 * <p>Fixed base Z = e(g1, g2): a precomputed comb, one 16-entry table per 4-bit window of e, so 64 multiplications
 * and no squarings.
 */
final class GtExponentiation {

    /** |z| as an unsigned 64-bit value. */
    private static final long ABS_Z = 0xd201000000010000L;
    private static final int DIGITS = 4;
    private static final int DIGIT_BITS = 64;

    private final long[][][] fixedBaseTables;

    /** Precomputes the comb tables for {@code base} (64 tables of 16 entries, about 590 KB). */
    GtExponentiation(long[] base) {
        fixedBaseTables = new long[CombTables.WINDOWS][][];
        long[] windowBase = base.clone();
        for (int window = 0; window < CombTables.WINDOWS; window++) {
            fixedBaseTables[window] = powers(windowBase);
            for (int bit = 0; bit < CombTables.WINDOW_BITS; bit++) {
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
        for (int window = 0; window < CombTables.WINDOWS; window++) {
            CombTables.select(fixedBaseTables[window], CombTables.window(exponent, window), entry);
            accumulator.mul(selected);
        }
        Arrays.fill(entry, 0L);
        return result;
    }

    /**
     * {@code base} raised to {@code exponent} (32 big-endian bytes, a value below q; any value below 2^255 works).
     * {@code base} must be an element of GT and is treated as public: its Frobenius images are computed in variable
     * time. The exponent is secret.
     */
    static long[] pow(long[] base, byte[] exponent) {
        long[] digits = absZDigits(exponent);
        long[][] table = subsetProducts(GtFrobenius.absZPowers(base));
        long[] result = new long[Fp12Limbs.LIMBS];
        long[] entry = new long[Fp12Limbs.LIMBS];
        CombTables.select(table, column(digits, DIGIT_BITS - 1), result);
        PT accumulator = Fp12Limbs.wrap(result);
        PT selected = Fp12Limbs.wrap(entry);
        for (int bit = DIGIT_BITS - 2; bit >= 0; bit--) {
            accumulator.sqr();
            CombTables.select(table, column(digits, bit), entry);
            accumulator.mul(selected);
        }
        Arrays.fill(digits, 0L);
        Arrays.fill(entry, 0L);
        return result;
    }

    static long[] one() {
        return Fp12Limbs.of(PT.one()).clone();
    }

    /**
     * The digits d0, d1, d2, d3 of {@code exponent} in base |z|, least significant first, computed without branching
     * on the exponent. d0, d1 and d2 are below |z|; d3 fits in 64 bits for every exponent below |z|^3 2^64, which is
     * above 2^255.
     *
     * @throws IllegalArgumentException if the exponent is not 32 bytes or too large (never for a value below q)
     */
    static long[] absZDigits(byte[] exponent) {
        if (exponent.length != SecretScalar.LENGTH) {
            throw new IllegalArgumentException("exponent must be " + SecretScalar.LENGTH + " bytes");
        }
        long[] words = new long[4];
        for (int i = 0; i < SecretScalar.LENGTH; i++) {
            words[i / 8] = (words[i / 8] << 8) | (exponent[i] & 0xff);
        }
        long[] digits = new long[DIGITS];
        for (int i = 0; i < DIGITS - 1; i++) {
            digits[i] = divideByAbsZ(words);
        }
        digits[DIGITS - 1] = words[3];
        long overflow = words[0] | words[1] | words[2];
        Arrays.fill(words, 0L);
        // Zero for every exponent below 2^255, so for every SecretScalar: this tests a bound, not the exponent's bits.
        if (overflow != 0) {
            Arrays.fill(digits, 0L);
            throw new IllegalArgumentException("exponent is too large");
        }
        return digits;
    }

    /**
     * Divides the 256-bit value in {@code words} (most significant word first) by |z| in place and returns the
     * remainder: restoring binary long division with a masked subtraction at every bit.
     */
    private static long divideByAbsZ(long[] words) {
        long remainder = 0;
        for (int w = 0; w < words.length; w++) {
            long word = words[w];
            long quotient = 0;
            for (int bit = DIGIT_BITS - 1; bit >= 0; bit--) {
                // remainder < |z| before the shift, so carry * 2^64 + remainder < 2 |z| after it
                long carry = remainder >>> 63;
                remainder = (remainder << 1) | ((word >>> bit) & 1L);
                long difference = remainder - ABS_Z;
                long borrow = ((~remainder & ABS_Z) | (~(remainder ^ ABS_Z) & difference)) >>> 63;
                long subtract = carry | (borrow ^ 1L);
                long mask = -subtract;
                remainder = (difference & mask) | (remainder & ~mask);
                quotient = (quotient << 1) | subtract;
            }
            words[w] = quotient;
        }
        return remainder;
    }

    /** table[j] = the product of bases[i] over the bits i set in j (table[0] = 1): 11 multiplications. */
    private static long[][] subsetProducts(long[][] bases) {
        long[][] table = new long[1 << DIGITS][];
        table[0] = one();
        for (int j = 1; j < table.length; j++) {
            int lowest = Integer.numberOfTrailingZeros(j);
            int rest = j & (j - 1);
            if (rest == 0) {
                table[j] = bases[lowest];
            } else {
                table[j] = table[rest].clone();
                Fp12Limbs.wrap(table[j]).mul(Fp12Limbs.wrap(bases[lowest]));
            }
        }
        return table;
    }

    /** Bit {@code bit} of each digit: bit i of the result is bit {@code bit} of digits[i]. */
    private static int column(long[] digits, int bit) {
        int column = 0;
        for (int i = 0; i < DIGITS; i++) {
            column |= (int) ((digits[i] >>> bit) & 1L) << i;
        }
        return column;
    }

    /** base^0 .. base^15. */
    private static long[][] powers(long[] base) {
        long[][] table = new long[CombTables.TABLE_SIZE][];
        table[0] = one();
        table[1] = base.clone();
        PT factor = Fp12Limbs.wrap(base);
        for (int i = 2; i < CombTables.TABLE_SIZE; i++) {
            table[i] = table[i - 1].clone();
            Fp12Limbs.wrap(table[i]).mul(factor);
        }
        return table;
    }
}
