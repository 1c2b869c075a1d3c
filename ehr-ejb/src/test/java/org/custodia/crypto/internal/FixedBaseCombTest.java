package org.custodia.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;

/** The generators' combs against blst's variable-base multiplication, the implementation they replaced. */
class FixedBaseCombTest {

    private static final BigInteger Q = TestScalars.Q;

    private final SecureRandom random = new SecureRandom();

    @Test
    void generatorPowEqualsTheVariableBaseMultiplication() {
        for (int i = 0; i < 100; i++) {
            SecretScalar k = SecretScalar.random(random);
            assertEquals(G1Element.generator().multiply(k), G1Element.generatorPow(k));
            assertEquals(G2Element.generator().multiply(k), G2Element.generatorPow(k));
        }
    }

    @Test
    void edgeScalarsMatchInBothGroups() {
        FixedBaseComb<P1, P1_Affine> g1 = new FixedBaseComb<>(FixedBaseComb.G1, P1_Affine.generator());
        FixedBaseComb<P2, P2_Affine> g2 = new FixedBaseComb<>(FixedBaseComb.G2, P2_Affine.generator());
        for (BigInteger k : edgeScalars()) {
            byte[] bytes = TestScalars.toBytes32(k);
            assertArrayEquals(P1_Affine.generator().to_jacobian().mult(k.mod(Q)).to_affine().compress(),
                    g1.multiply(bytes).compress(), "G1, k = " + k.toString(16));
            assertArrayEquals(P2_Affine.generator().to_jacobian().mult(k.mod(Q)).to_affine().compress(),
                    g2.multiply(bytes).compress(), "G2, k = " + k.toString(16));
        }
    }

    @Test
    void zeroAndTheGroupOrderGiveThePointAtInfinity() {
        FixedBaseComb<P1, P1_Affine> g1 = new FixedBaseComb<>(FixedBaseComb.G1, P1_Affine.generator());
        FixedBaseComb<P2, P2_Affine> g2 = new FixedBaseComb<>(FixedBaseComb.G2, P2_Affine.generator());
        for (BigInteger k : List.of(BigInteger.ZERO, Q)) {
            assertTrue(g1.multiply(TestScalars.toBytes32(k)).is_inf(), "G1, k = " + k.toString(16));
            assertTrue(g2.multiply(TestScalars.toBytes32(k)).is_inf(), "G2, k = " + k.toString(16));
        }
    }

    @Test
    void aScalarOfAnotherLengthIsRefused() {
        FixedBaseComb<P1, P1_Affine> g1 = new FixedBaseComb<>(FixedBaseComb.G1, P1_Affine.generator());
        assertThrows(IllegalArgumentException.class, () -> g1.multiply(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> g1.multiply(new byte[33]));
    }

    /** Every window's value 0 and 15, each window alone, carries across windows, the ends of the range. */
    private static List<BigInteger> edgeScalars() {
        BigInteger one = BigInteger.ONE;
        List<BigInteger> values = new ArrayList<>();
        for (long small : new long[] {1, 2, 15, 16, 17, 255, 256, 0x1111, 0xf0f0}) {
            values.add(BigInteger.valueOf(small));
        }
        for (int window = 0; window < 64; window++) {
            values.add(one.shiftLeft(4 * window));
            values.add(BigInteger.valueOf(15).shiftLeft(4 * window));
        }
        for (int bits : new int[] {4, 64, 128, 252, 254, 255, 256}) {
            values.add(one.shiftLeft(bits).subtract(one));
        }
        values.add(new BigInteger("0f".repeat(32), 16));
        values.add(new BigInteger("f0".repeat(31), 16));
        values.add(Q.subtract(BigInteger.TWO));
        values.add(Q.subtract(one));
        values.add(Q.add(one));
        return values;
    }
}
