package org.custodia.crypto.internal;

import java.math.BigInteger;

/**
 * Arithmetic in Fp on blst's representation: six little-endian 64-bit limbs in Montgomery form (R = 2^384), read and
 * written in place at an offset of a limb array, so that the coefficients of an Fp12 element are worked on where they
 * lie. Every operand must be reduced, in [0, p), as blst keeps its values; results are too. For public values only:
 * the reductions branch on the values.
 */
final class FpLimbs {

    static final int LIMBS = 6;

    private static final long[] P = limbs(GtEncoding.P);
    /** -p^-1 mod 2^64. */
    private static final long P_INVERSE = BigInteger.ONE.shiftLeft(64)
            .subtract(GtEncoding.P.modInverse(BigInteger.ONE.shiftLeft(64))).longValue();
    private static final BigInteger R = BigInteger.ONE.shiftLeft(64 * LIMBS);

    private FpLimbs() {
    }

    /** The Montgomery form of {@code value} (in [0, p)), as limbs. */
    static long[] montgomery(BigInteger value) {
        return limbs(value.multiply(R).mod(GtEncoding.P));
    }

    /** out = a b / R mod p (CIOS Montgomery multiplication); {@code out} may be {@code a} or {@code b}. */
    static void multiply(long[] a, int aOffset, long[] b, int bOffset, long[] out, int outOffset) {
        long[] t = new long[LIMBS + 2];
        for (int i = 0; i < LIMBS; i++) {
            long bi = b[bOffset + i];
            long carry = 0;
            for (int j = 0; j < LIMBS; j++) {
                long x = a[aOffset + j];
                long low = x * bi;
                long high = unsignedMultiplyHigh(x, bi);
                long sum = low + t[j];
                high += Long.compareUnsigned(sum, low) < 0 ? 1 : 0;
                long total = sum + carry;
                high += Long.compareUnsigned(total, sum) < 0 ? 1 : 0;
                t[j] = total;
                carry = high;
            }
            long top = t[LIMBS] + carry;
            t[LIMBS + 1] = Long.compareUnsigned(top, carry) < 0 ? 1 : 0;
            t[LIMBS] = top;

            long m = t[0] * P_INVERSE;
            long low = m * P[0];
            carry = unsignedMultiplyHigh(m, P[0]) + (Long.compareUnsigned(low + t[0], low) < 0 ? 1 : 0);
            for (int j = 1; j < LIMBS; j++) {
                long productLow = m * P[j];
                long high = unsignedMultiplyHigh(m, P[j]);
                long sum = productLow + t[j];
                high += Long.compareUnsigned(sum, productLow) < 0 ? 1 : 0;
                long total = sum + carry;
                high += Long.compareUnsigned(total, sum) < 0 ? 1 : 0;
                t[j - 1] = total;
                carry = high;
            }
            long last = t[LIMBS] + carry;
            t[LIMBS - 1] = last;
            t[LIMBS] = t[LIMBS + 1] + (Long.compareUnsigned(last, carry) < 0 ? 1 : 0);
        }
        if (t[LIMBS] != 0 || !below(t, P)) {
            subtractInPlace(t, P);
        }
        System.arraycopy(t, 0, out, outOffset, LIMBS);
    }

    /** out = a + b mod p. */
    static void add(long[] a, int aOffset, long[] b, int bOffset, long[] out, int outOffset) {
        long[] sum = new long[LIMBS];
        long carry = 0;
        for (int i = 0; i < LIMBS; i++) {
            long x = a[aOffset + i];
            long s = x + b[bOffset + i];
            long c1 = Long.compareUnsigned(s, x) < 0 ? 1 : 0;
            long s2 = s + carry;
            long c2 = Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
            sum[i] = s2;
            carry = c1 | c2;
        }
        if (carry != 0 || !below(sum, P)) {
            subtractInPlace(sum, P);
        }
        System.arraycopy(sum, 0, out, outOffset, LIMBS);
    }

    /** out = a - b mod p. */
    static void subtract(long[] a, int aOffset, long[] b, int bOffset, long[] out, int outOffset) {
        long[] difference = new long[LIMBS];
        System.arraycopy(a, aOffset, difference, 0, LIMBS);
        long[] subtrahend = new long[LIMBS];
        System.arraycopy(b, bOffset, subtrahend, 0, LIMBS);
        if (subtractInPlace(difference, subtrahend) != 0) {
            long carry = 0;
            for (int i = 0; i < LIMBS; i++) {
                long s = difference[i] + P[i];
                long c1 = Long.compareUnsigned(s, difference[i]) < 0 ? 1 : 0;
                long s2 = s + carry;
                long c2 = Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
                difference[i] = s2;
                carry = c1 | c2;
            }
        }
        System.arraycopy(difference, 0, out, outOffset, LIMBS);
    }

    /** value[0..6) -= subtrahend[0..6); returns the borrow. */
    private static long subtractInPlace(long[] value, long[] subtrahend) {
        long borrow = 0;
        for (int i = 0; i < LIMBS; i++) {
            long x = value[i];
            long d = x - subtrahend[i];
            long b1 = Long.compareUnsigned(x, subtrahend[i]) < 0 ? 1 : 0;
            long d2 = d - borrow;
            long b2 = Long.compareUnsigned(d, borrow) < 0 ? 1 : 0;
            value[i] = d2;
            borrow = b1 | b2;
        }
        return borrow;
    }

    /** Whether value[0..6) is below {@code bound}. */
    private static boolean below(long[] value, long[] bound) {
        for (int i = LIMBS - 1; i >= 0; i--) {
            int order = Long.compareUnsigned(value[i], bound[i]);
            if (order != 0) {
                return order < 0;
            }
        }
        return false;
    }

    private static long unsignedMultiplyHigh(long x, long y) {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }

    private static long[] limbs(BigInteger value) {
        long[] limbs = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++) {
            limbs[i] = value.shiftRight(64 * i).longValue();
        }
        return limbs;
    }
}
