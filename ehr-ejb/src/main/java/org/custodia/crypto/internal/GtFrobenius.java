package org.custodia.crypto.internal;

import java.math.BigInteger;

/**
 * The powers x^(|z|^k), k = 0..3, of an element x of GT, from the Frobenius map (z = -0xd201000000010000 is the curve
 * parameter). For public elements only: the arithmetic ({@link FpLimbs}) branches on the values.
 *
 * <p>Write f in Fp12 as the sum of a_i w^i (i = 0..5, a_i in Fp2, w^6 = 1 + u). Since p = 1 (mod 6),
 * w^p = gamma w with gamma = (1 + u)^((p - 1)/6), so f^p = sum of conj(a_i) gamma^i w^i, where
 * conj(a0 + a1 u) = a0 - a1 u. On GT, which has order q, the power by p is the power by z because p = z (mod q), and
 * the inverse is the conjugate f^(p^6) (the odd powers of w negated). Hence x^|z| = conj(x^p),
 * x^(|z|^2) = x^(p^2) and x^(|z|^3) = conj(x^(p^3)).
 *
 * <p>Multiplying by a constant and negating commute with Montgomery form, so the maps work on blst's limbs as they
 * are, without converting out of Montgomery form.
 */
final class GtFrobenius {

    private static final BigInteger P = GtEncoding.P;
    private static final int COEFFICIENTS = 6;
    private static final int FP_LIMBS = FpLimbs.LIMBS;
    private static final long[] ZERO = new long[FP_LIMBS];

    /** gamma^i for i = 0..5, each as its a0 then its a1 (slot order), in Montgomery form, six limbs each. */
    private static final long[] GAMMA_POWERS = montgomery(gammaPowers());

    private GtFrobenius() {
    }

    /**
     * x^(|z|^k) for k = 0, 1, 2, 3: x, conj(x^p), x^(p^2), conj(x^(p^3)). Only valid for x in GT.
     *
     * @param x blst limbs of an element of GT; not modified
     * @return four new limb arrays
     */
    static long[][] absZPowers(long[] x) {
        long[][] powers = new long[4][];
        powers[0] = x.clone();
        long[] image = x;
        for (int k = 1; k < 4; k++) {
            image = frobenius(image);
            powers[k] = k % 2 == 1 ? conjugate(image) : image;
        }
        return powers;
    }

    /**
     * f^p, coefficient by coefficient: conj(a_i) gamma^i = (a0 g0 + a1 g1) + (a0 g1 - a1 g0) u for
     * gamma^i = g0 + g1 u (gamma^0 = 1). Works on blst's limbs in Montgomery form: multiplying by a constant in
     * Montgomery form is a Montgomery multiplication.
     */
    private static long[] frobenius(long[] f) {
        long[] image = new long[Fp12Limbs.LIMBS];
        long[] first = new long[FP_LIMBS];
        long[] second = new long[FP_LIMBS];
        for (int i = 0; i < COEFFICIENTS; i++) {
            int a0 = offset(2 * i);
            int a1 = offset(2 * i + 1);
            if (i == 0) {
                System.arraycopy(f, a0, image, a0, FP_LIMBS);
                FpLimbs.subtract(ZERO, 0, f, a1, image, a1);
                continue;
            }
            int g0 = 2 * i * FP_LIMBS;
            int g1 = (2 * i + 1) * FP_LIMBS;
            FpLimbs.multiply(f, a0, GAMMA_POWERS, g0, first, 0);
            FpLimbs.multiply(f, a1, GAMMA_POWERS, g1, second, 0);
            FpLimbs.add(first, 0, second, 0, image, a0);
            FpLimbs.multiply(f, a0, GAMMA_POWERS, g1, first, 0);
            FpLimbs.multiply(f, a1, GAMMA_POWERS, g0, second, 0);
            FpLimbs.subtract(first, 0, second, 0, image, a1);
        }
        return image;
    }

    /** f^(p^6), a new array: the coefficients of the odd powers of w negated. */
    private static long[] conjugate(long[] f) {
        long[] conjugate = f.clone();
        for (int i = 1; i < COEFFICIENTS; i += 2) {
            FpLimbs.subtract(ZERO, 0, f, offset(2 * i), conjugate, offset(2 * i));
            FpLimbs.subtract(ZERO, 0, f, offset(2 * i + 1), conjugate, offset(2 * i + 1));
        }
        return conjugate;
    }

    /** Where slot {@code slot}'s Fp value starts in blst's limbs (see {@link GtEncoding#blstIndex}). */
    private static int offset(int slot) {
        return GtEncoding.blstIndex(slot) * FP_LIMBS;
    }

    private static long[] montgomery(BigInteger[] values) {
        long[] limbs = new long[values.length * FP_LIMBS];
        for (int i = 0; i < values.length; i++) {
            System.arraycopy(FpLimbs.montgomery(values[i]), 0, limbs, i * FP_LIMBS, FP_LIMBS);
        }
        return limbs;
    }

    /** gamma^0 .. gamma^5 for gamma = (1 + u)^((p - 1)/6), each as its a0 then its a1. */
    private static BigInteger[] gammaPowers() {
        BigInteger[] gamma = fp2Pow(new BigInteger[] {BigInteger.ONE, BigInteger.ONE},
                P.subtract(BigInteger.ONE).divide(BigInteger.valueOf(6)));
        BigInteger[] powers = new BigInteger[2 * COEFFICIENTS];
        BigInteger[] power = {BigInteger.ONE, BigInteger.ZERO};
        for (int i = 0; i < COEFFICIENTS; i++) {
            powers[2 * i] = power[0];
            powers[2 * i + 1] = power[1];
            power = fp2Multiply(power, gamma);
        }
        return powers;
    }

    private static BigInteger[] fp2Pow(BigInteger[] base, BigInteger exponent) {
        BigInteger[] result = {BigInteger.ONE, BigInteger.ZERO};
        for (int bit = exponent.bitLength() - 1; bit >= 0; bit--) {
            result = fp2Multiply(result, result);
            if (exponent.testBit(bit)) {
                result = fp2Multiply(result, base);
            }
        }
        return result;
    }

    /** (a0 + a1 u)(b0 + b1 u) with u^2 = -1. */
    private static BigInteger[] fp2Multiply(BigInteger[] a, BigInteger[] b) {
        return new BigInteger[] {
            a[0].multiply(b[0]).subtract(a[1].multiply(b[1])).mod(P),
            a[0].multiply(b[1]).add(a[1].multiply(b[0])).mod(P)
        };
    }
}
