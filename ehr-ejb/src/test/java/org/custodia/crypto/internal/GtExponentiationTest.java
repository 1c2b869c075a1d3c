package org.custodia.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import supranational.blst.PT;

/**
 * The variable-base GT exponentiation (Frobenius decomposition of the exponent) against the implementation it
 * replaced, fixed 4-bit windows over the whole exponent, kept below as the oracle; and its two parts.
 */
class GtExponentiationTest {

    private static final BigInteger Q = TestScalars.Q;
    private static final BigInteger ABS_Z = new BigInteger("d201000000010000", 16);

    private final SecureRandom random = new SecureRandom();

    @Test
    void frobeniusImagesArePowersByAbsZ() {
        for (long[] x : List.of(generator(), randomElement(), randomElement())) {
            long[] before = x.clone();
            long[][] powers = GtFrobenius.absZPowers(x);
            assertArrayEquals(before, x, "the base must not change");
            for (int k = 0; k < 4; k++) {
                assertArrayEquals(reference(x, ABS_Z.pow(k)), GtEncoding.encode(powers[k]), "x^(|z|^" + k + ")");
            }
        }
    }

    @Test
    void digitsInBaseAbsZRecomposeTheExponent() {
        List<BigInteger> exponents = new ArrayList<>(edgeExponents());
        for (int i = 0; i < 200; i++) {
            exponents.add(new BigInteger(255, random).mod(Q));
        }
        for (BigInteger exponent : exponents) {
            long[] digits = GtExponentiation.absZDigits(TestScalars.toBytes32(exponent));
            BigInteger recomposed = BigInteger.ZERO;
            for (int k = digits.length - 1; k >= 0; k--) {
                recomposed = recomposed.multiply(ABS_Z).add(unsigned(digits[k]));
            }
            assertEquals(exponent, recomposed, exponent.toString(16));
            for (int k = 0; k < 3; k++) {
                assertTrue(unsigned(digits[k]).compareTo(ABS_Z) < 0, "digit " + k + " of " + exponent.toString(16));
            }
            if (exponent.compareTo(ABS_Z.pow(4)) < 0) {
                assertTrue(unsigned(digits[3]).compareTo(ABS_Z) < 0, "digit 3 of " + exponent.toString(16));
            }
        }
    }

    @Test
    void rejectsExponentsOutsideTheDecomposition() {
        assertThrows(IllegalArgumentException.class,
                () -> GtExponentiation.absZDigits(TestScalars.toBytes32(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))));
        assertThrows(IllegalArgumentException.class, () -> GtExponentiation.absZDigits(new byte[31]));
    }

    @Test
    void agreesWithFixedWindowImplementation() {
        List<BigInteger> exponents = new ArrayList<>(edgeExponents());
        for (int i = 0; i < 8; i++) {
            exponents.add(new BigInteger(255, random).mod(Q));
        }
        for (long[] base : List.of(generator(), randomElement(), randomElement())) {
            long[] before = base.clone();
            for (BigInteger exponent : exponents) {
                byte[] bytes = TestScalars.toBytes32(exponent);
                assertArrayEquals(GtEncoding.encode(windowedPow(base, bytes)),
                        GtEncoding.encode(GtExponentiation.pow(base, bytes)), exponent.toString(16));
            }
            assertArrayEquals(before, base, "the base must not change");
        }
    }

    @Test
    void agreesWithSquareAndMultiplyThroughTheElementApi() throws Exception {
        for (BigInteger exponent : List.of(BigInteger.ONE, Q.subtract(BigInteger.ONE), ABS_Z,
                new BigInteger(255, random).mod(Q))) {
            long[] base = randomElement();
            byte[] expected = reference(base, exponent);
            GtElement element = GtElement.decode(GtEncoding.encode(base));
            assertArrayEquals(expected, element.pow(SecretScalar.fromBytes(TestScalars.toBytes32(exponent))).encode(),
                    exponent.toString(16));
        }
    }

    /**
     * Small values, values around the powers of |z| (digits of 0, 1 and |z| - 1), around q and |z|^4, and values
     * whose 4-bit windows are all ones. Some are not below q (the largest is 2^255 - 1): the result must still be
     * the power, since every element of GT has order q.
     */
    private static List<BigInteger> edgeExponents() {
        BigInteger one = BigInteger.ONE;
        List<BigInteger> values = new ArrayList<>();
        for (long small : new long[] {0, 1, 2, 3, 15, 16, 17, 255, 256}) {
            values.add(BigInteger.valueOf(small));
        }
        for (int k = 1; k <= 4; k++) {
            BigInteger power = ABS_Z.pow(k);
            values.add(power.subtract(one));
            values.add(power);
            values.add(power.add(one));
        }
        values.add(ABS_Z.subtract(one).multiply(ABS_Z.pow(3)));
        values.add(Q.subtract(BigInteger.TWO));
        values.add(Q.subtract(one));
        values.add(Q);
        values.add(Q.add(one));
        for (int bits : new int[] {4, 64, 128, 192, 252, 254, 255}) {
            values.add(one.shiftLeft(bits).subtract(one));
        }
        values.add(one.shiftLeft(64));
        values.add(one.shiftLeft(254));
        return values;
    }

    /** e(g1^s, g2^t) for random s and t. */
    private long[] randomElement() {
        G1Element p = G1Element.generator().multiply(SecretScalar.random(random));
        G2Element q = G2Element.generator().multiply(SecretScalar.random(random));
        return Fp12Limbs.of(new PT(p.point(), q.point()).final_exp());
    }

    /** Z = e(g1, g2). */
    private static long[] generator() {
        return Fp12Limbs.of(new PT(G1Element.generator().point(), G2Element.generator().point()).final_exp());
    }

    /**
     * The variable-base exponentiation as it was before the Frobenius decomposition: fixed 4-bit windows over the
     * 256-bit exponent, 256 squarings and 64 multiplications, table entry picked under a mask.
     */
    private static long[] windowedPow(long[] base, byte[] exponent) {
        long[][] table = new long[16][];
        table[0] = GtExponentiation.one();
        table[1] = base.clone();
        for (int i = 2; i < 16; i++) {
            table[i] = table[i - 1].clone();
            Fp12Limbs.wrap(table[i]).mul(Fp12Limbs.wrap(base));
        }
        long[] result = GtExponentiation.one();
        long[] entry = new long[Fp12Limbs.LIMBS];
        PT accumulator = Fp12Limbs.wrap(result);
        PT selected = Fp12Limbs.wrap(entry);
        for (int window = 0; window < 64; window++) {
            for (int bit = 0; bit < 4; bit++) {
                accumulator.sqr();
            }
            int octet = exponent[window / 2] & 0xff;
            int digit = (window % 2 == 0) ? octet >>> 4 : octet & 0x0f;
            Arrays.fill(entry, 0L);
            for (int i = 0; i < 16; i++) {
                long mask = ((long) (i ^ digit) - 1) >> 63;
                for (int limb = 0; limb < entry.length; limb++) {
                    entry[limb] |= table[i][limb] & mask;
                }
            }
            accumulator.mul(selected);
        }
        return result;
    }

    /** Variable-time left-to-right square and multiply on blst's generic Fp12 operations, for public exponents. */
    private static byte[] reference(long[] base, BigInteger exponent) {
        PT factor = Fp12Limbs.wrap(base.clone());
        PT result = PT.one();
        for (int bit = exponent.bitLength() - 1; bit >= 0; bit--) {
            result.sqr();
            if (exponent.testBit(bit)) {
                result.mul(factor);
            }
        }
        return result.to_bendian();
    }

    private static BigInteger unsigned(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }
}
