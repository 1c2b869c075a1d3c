package org.custodia.crypto.internal;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Canonical encoding of GT elements (576 bytes).
 *
 * <p>GT is the order-q subgroup of Fp12* with Fp12 = Fp2[w]/(w^6 - (1 + u)) and Fp2 = Fp[u]/(u^2 + 1). An element
 * is written as its six Fp2 coefficients of 1, w, w^2, ..., w^5 in that order, each Fp2 coefficient
 * {@code a0 + a1*u} as {@code a0} then {@code a1}, each Fp value as 48 big-endian bytes in [0, p). This is the
 * byte order blst's {@code blst_bendian_from_fp12} produces, so encoding uses it directly.
 *
 * <p>jblst offers no way back from bytes, so decoding converts each coordinate to blst's Montgomery form and
 * places it in blst's {@code fp12 = fp6[2], fp6 = fp2[3]} limb layout; it then re-encodes the result and requires
 * the same bytes, which guards the layout against a change in a future jblst.
 */
final class GtEncoding {

    static final int LENGTH = 576;

    private static final int FP_BYTES = 48;
    private static final int FP_LIMBS = 6;
    static final BigInteger P = new BigInteger("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf"
            + "6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab", 16);
    private static final BigInteger MONTGOMERY_R = BigInteger.ONE.shiftLeft(384).mod(P);
    private static final BigInteger WORD_MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private GtEncoding() {
    }

    static byte[] encode(long[] limbs) {
        return Fp12Limbs.wrap(limbs).to_bendian();
    }

    /**
     * Decodes an Fp12 value without checking group membership.
     *
     * @throws InvalidElementException if the length is wrong or a coordinate is not below p
     */
    static long[] decodeFp12(byte[] encoded) throws InvalidElementException {
        if (encoded.length != LENGTH) {
            throw new InvalidElementException("GT element must be " + LENGTH + " bytes, got " + encoded.length);
        }
        long[] limbs = new long[Fp12Limbs.LIMBS];
        for (int slot = 0; slot < 12; slot++) {
            BigInteger coordinate = new BigInteger(1, Arrays.copyOfRange(encoded, slot * FP_BYTES,
                    (slot + 1) * FP_BYTES));
            if (coordinate.compareTo(P) >= 0) {
                throw new InvalidElementException("GT element coordinate " + slot + " is not a field element below p");
            }
            BigInteger montgomery = coordinate.multiply(MONTGOMERY_R).mod(P);
            int offset = blstIndex(slot) * FP_LIMBS;
            for (int word = 0; word < FP_LIMBS; word++) {
                limbs[offset + word] = montgomery.shiftRight(64 * word).and(WORD_MASK).longValue();
            }
        }
        if (!Arrays.equals(encode(limbs), encoded)) {
            throw new IllegalStateException("jblst Fp12 layout differs from the one this decoder was written for");
        }
        return limbs;
    }

    /** Slot order is (w^0..w^5) = (c0.b0, c1.b0, c0.b1, c1.b1, c0.b2, c1.b2); blst stores c[j].b[k] at 3j + k. */
    static int blstIndex(int slot) {
        int fp2Coefficient = slot / 2;
        int component = slot % 2;
        int fp6Index = fp2Coefficient / 2;
        int fp6Half = fp2Coefficient % 2;
        return 2 * (3 * fp6Half + fp6Index) + component;
    }
}
