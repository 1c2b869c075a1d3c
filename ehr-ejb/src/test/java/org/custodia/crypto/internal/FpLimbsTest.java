package org.custodia.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Fp on blst's Montgomery limbs against {@link BigInteger} arithmetic mod p. */
class FpLimbsTest {

    private static final BigInteger P = GtEncoding.P;

    @Test
    void multiplyAddAndSubtractAgreeWithBigInteger() {
        List<BigInteger> values = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                P.subtract(BigInteger.ONE), P.subtract(BigInteger.TWO), BigInteger.ONE.shiftLeft(380),
                BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)));
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 60; i++) {
            values.add(new BigInteger(381, random).mod(P));
        }
        long[] out = new long[FpLimbs.LIMBS];
        for (BigInteger a : values) {
            for (BigInteger b : values) {
                long[] am = FpLimbs.montgomery(a);
                long[] bm = FpLimbs.montgomery(b);
                String pair = a.toString(16) + ", " + b.toString(16);
                FpLimbs.multiply(am, 0, bm, 0, out, 0);
                assertArrayEquals(FpLimbs.montgomery(a.multiply(b).mod(P)), out, "a b for " + pair);
                FpLimbs.add(am, 0, bm, 0, out, 0);
                assertArrayEquals(FpLimbs.montgomery(a.add(b).mod(P)), out, "a + b for " + pair);
                FpLimbs.subtract(am, 0, bm, 0, out, 0);
                assertArrayEquals(FpLimbs.montgomery(a.subtract(b).mod(P)), out, "a - b for " + pair);
            }
        }
    }

    @Test
    void operandsAndResultMayShareAnArrayAtOffsets() {
        BigInteger a = P.subtract(BigInteger.valueOf(12345));
        BigInteger b = BigInteger.valueOf(67890).shiftLeft(300);
        long[] both = new long[3 * FpLimbs.LIMBS];
        System.arraycopy(FpLimbs.montgomery(a), 0, both, FpLimbs.LIMBS, FpLimbs.LIMBS);
        System.arraycopy(FpLimbs.montgomery(b), 0, both, 2 * FpLimbs.LIMBS, FpLimbs.LIMBS);
        FpLimbs.multiply(both, FpLimbs.LIMBS, both, 2 * FpLimbs.LIMBS, both, FpLimbs.LIMBS);
        long[] product = new long[FpLimbs.LIMBS];
        System.arraycopy(both, FpLimbs.LIMBS, product, 0, FpLimbs.LIMBS);
        assertArrayEquals(FpLimbs.montgomery(a.multiply(b).mod(P)), product);
    }
}
