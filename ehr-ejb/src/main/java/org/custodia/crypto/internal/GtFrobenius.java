package org.custodia.crypto.internal;

import java.math.BigInteger;

/**
 * The powers x^(|z|^k), k = 0..3, of an element x of GT, from the Frobenius map (z = -0xd201000000010000 is the curve
 * parameter). For public elements only: the arithmetic is {@link BigInteger}'s, which is not constant time.
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
    private static final int SLOTS = 2 * COEFFICIENTS;
    private static final int FP_LIMBS = 6;
    private static final int FP_BYTES = 48;

    /** gamma^i for i = 0..5, each as its a0 then its a1 (slot order, like the elements). */
    private static final BigInteger[] GAMMA_POWERS = gammaPowers();

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
        BigInteger[] image = read(x);
        for (int k = 1; k < 4; k++) {
            image = frobenius(image);
            powers[k] = write(k % 2 == 1 ? conjugate(image) : image);
        }
        return powers;
    }

    /** f^p, slot by slot: conj(a_i) gamma^i = (a0 g0 + a1 g1) + (a0 g1 - a1 g0) u for gamma^i = g0 + g1 u. */
    private static BigInteger[] frobenius(BigInteger[] f) {
        BigInteger[] image = new BigInteger[SLOTS];
        for (int i = 0; i < COEFFICIENTS; i++) {
            BigInteger a0 = f[2 * i];
            BigInteger a1 = f[2 * i + 1];
            BigInteger g0 = GAMMA_POWERS[2 * i];
            BigInteger g1 = GAMMA_POWERS[2 * i + 1];
            image[2 * i] = a0.multiply(g0).add(a1.multiply(g1)).mod(P);
            image[2 * i + 1] = a0.multiply(g1).subtract(a1.multiply(g0)).mod(P);
        }
        return image;
    }

    /** f^(p^6): the coefficients of the odd powers of w negated. */
    private static BigInteger[] conjugate(BigInteger[] f) {
        BigInteger[] conjugate = f.clone();
        for (int i = 1; i < COEFFICIENTS; i += 2) {
            conjugate[2 * i] = f[2 * i].negate().mod(P);
            conjugate[2 * i + 1] = f[2 * i + 1].negate().mod(P);
        }
        return conjugate;
    }

    /** The 12 Fp values of blst's limbs (Montgomery form kept), in slot order (see {@link GtEncoding}). */
    private static BigInteger[] read(long[] limbs) {
        BigInteger[] f = new BigInteger[SLOTS];
        byte[] bigEndian = new byte[FP_BYTES];
        for (int slot = 0; slot < SLOTS; slot++) {
            int offset = GtEncoding.blstIndex(slot) * FP_LIMBS;
            for (int word = 0; word < FP_LIMBS; word++) {
                long limb = limbs[offset + word];
                for (int octet = 0; octet < 8; octet++) {
                    bigEndian[FP_BYTES - 1 - 8 * word - octet] = (byte) (limb >>> (8 * octet));
                }
            }
            f[slot] = new BigInteger(1, bigEndian);
        }
        return f;
    }

    /** The inverse of {@link #read}: values in [0, p) back into blst's limb layout. */
    private static long[] write(BigInteger[] f) {
        long[] limbs = new long[Fp12Limbs.LIMBS];
        for (int slot = 0; slot < SLOTS; slot++) {
            byte[] bigEndian = f[slot].toByteArray();
            int offset = GtEncoding.blstIndex(slot) * FP_LIMBS;
            for (int word = 0; word < FP_LIMBS; word++) {
                long limb = 0;
                for (int octet = 7; octet >= 0; octet--) {
                    int index = bigEndian.length - 1 - 8 * word - octet;
                    limb = (limb << 8) | (index >= 0 ? bigEndian[index] & 0xff : 0);
                }
                limbs[offset + word] = limb;
            }
        }
        return limbs;
    }

    /** gamma^0 .. gamma^5 for gamma = (1 + u)^((p - 1)/6). */
    private static BigInteger[] gammaPowers() {
        BigInteger[] gamma = fp2Pow(new BigInteger[] {BigInteger.ONE, BigInteger.ONE},
                P.subtract(BigInteger.ONE).divide(BigInteger.valueOf(6)));
        BigInteger[] powers = new BigInteger[SLOTS];
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
