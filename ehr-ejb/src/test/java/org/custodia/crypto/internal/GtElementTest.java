package org.custodia.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import supranational.blst.PT;

class GtElementTest {

    private static final BigInteger Q = TestScalars.Q;

    private final SecureRandom random = new SecureRandom();
    private final SecretScalar k = SecretScalar.random(random);
    private final GtElement z = GtElement.pair(G1Element.generator(), G2Element.generator());

    @Test
    void encodingRoundTrips() throws Exception {
        GtElement x = GtElement.pair(G1Element.generator().multiply(k), G2Element.generator());
        byte[] encoded = x.encode();
        assertEquals(GtElement.LENGTH, encoded.length);
        GtElement decoded = GtElement.decode(encoded);
        assertEquals(x, decoded);
        assertArrayEquals(encoded, decoded.encode());
    }

    @Test
    void exponentiationAgreesWithBilinearity() {
        GtElement expected = GtElement.pair(G1Element.generator().multiply(k), G2Element.generator());
        assertEquals(expected, z.pow(k));
        assertEquals(expected, GtElement.generatorPow(k));
        assertNotEquals(expected, z.pow(SecretScalar.random(random)));
    }

    @Test
    void exponentiationAgreesWithSquareAndMultiply() throws Exception {
        GtElement base = GtElement.pair(G1Element.generator().multiply(SecretScalar.random(random)),
                G2Element.generator());
        BigInteger exponent = k.read(bytes -> new BigInteger(1, bytes));
        assertArrayEquals(reference(Fp12Limbs.wrap(GtEncoding.decodeFp12(base.encode())), exponent).to_bendian(),
                base.pow(k).encode());
    }

    @Test
    void everyElementHasOrderQ() throws Exception {
        SecretScalar qMinusOne = SecretScalar.fromBytes(TestScalars.toBytes32(Q.subtract(BigInteger.ONE)));
        GtElement x = z.pow(k);
        PT product = Fp12Limbs.wrap(GtEncoding.decodeFp12(x.pow(qMinusOne).encode()));
        product.mul(Fp12Limbs.wrap(GtEncoding.decodeFp12(x.encode())));
        assertTrue(product.is_one());
    }

    @Test
    void rejectsIdentity() {
        assertRejected("identity", PT.one().to_bendian());
    }

    @Test
    void rejectsMillerLoopOutputThatIsNotInGt() {
        PT millerLoop = new PT(G1Element.generator().point(), G2Element.generator().point());
        assertRejected("subgroup", millerLoop.to_bendian());
    }

    @Test
    void rejectsCyclotomicElementOutsideGt() throws Exception {
        PT millerLoop = new PT(G1Element.generator().point(), G2Element.generator().point());
        BigInteger p = InvalidPoints.P;
        BigInteger easyPart = p.pow(6).subtract(BigInteger.ONE).multiply(p.pow(2).add(BigInteger.ONE));
        PT cyclotomic = reference(millerLoop, easyPart);
        assertFalse(reference(cyclotomic, Q).is_one(), "fixture must lie outside the order-q subgroup");
        assertRejected("subgroup", cyclotomic.to_bendian());
    }

    @Test
    void rejectsNonCanonicalCoordinateAndWrongLength() {
        byte[] encoded = z.encode();
        byte[] p = InvalidPoints.P.toByteArray();
        System.arraycopy(p, p.length - 48, encoded, 48 * 5, 48);
        assertRejected("coordinate 5", encoded);
        assertRejected("576 bytes", new byte[575]);
    }

    private static void assertRejected(String expected, byte[] encoded) {
        InvalidElementException e = assertThrows(InvalidElementException.class, () -> GtElement.decode(encoded));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** Variable-time left-to-right square and multiply, for public exponents only. */
    private static PT reference(PT base, BigInteger exponent) {
        PT result = PT.one();
        for (int bit = exponent.bitLength() - 1; bit >= 0; bit--) {
            result.sqr();
            if (exponent.testBit(bit)) {
                result.mul(base);
            }
        }
        return result;
    }
}
