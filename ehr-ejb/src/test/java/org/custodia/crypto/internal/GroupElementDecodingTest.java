package org.custodia.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class GroupElementDecodingTest {

    private final SecretScalar k = SecretScalar.random(new SecureRandom());

    @Test
    void g1AndG2RoundTrip() throws Exception {
        G1Element p = G1Element.generator().multiply(k);
        G2Element q = G2Element.generator().multiply(k);
        assertEquals(p, G1Element.decode(p.encode()));
        assertEquals(q, G2Element.decode(q.encode()));
        assertArrayEquals(p.encode(), G1Element.decode(p.encode()).encode());
    }

    @Test
    void g1RejectsInvalidPoints() {
        assertRejected("identity", () -> G1Element.decode(InvalidPoints.g1Identity()));
        assertRejected("G1 point is not in the order-q subgroup",
                () -> G1Element.decode(InvalidPoints.g1OutsideSubgroup()));
        assertRejected("G1 point is not on the curve (blst: point is not on curve)",
                () -> G1Element.decode(InvalidPoints.g1OffCurve()));
        assertRejected("G1 point is not a valid compressed encoding (blst: bad point encoding)",
                () -> G1Element.decode(InvalidPoints.g1NonCanonical()));
        assertRejected("must be 48 bytes", () -> G1Element.decode(new byte[96]));
    }

    /** blst refuses (0, 2) and (0, -2) while decompressing; the refusal names the subgroup, as blst does. */
    @Test
    void g1PointOfOrderThreeIsRefusedAsOutsideTheSubgroup() {
        for (boolean largerY : new boolean[] {false, true}) {
            InvalidElementException e = assertThrows(InvalidElementException.class,
                    () -> G1Element.decode(InvalidPoints.g1OrderThree(largerY)));
            assertEquals("G1 point is not in the order-q subgroup (blst: point is not in group)", e.getMessage());
        }
    }

    @Test
    void g1RejectsUncompressedFlagOnValidPoint() {
        byte[] encoded = G1Element.generator().multiply(k).encode();
        encoded[0] &= 0x7f;
        assertRejected("G1 point is not a valid compressed encoding", () -> G1Element.decode(encoded));
    }

    @Test
    void g2RejectsInvalidPoints() {
        assertRejected("identity", () -> G2Element.decode(InvalidPoints.g2Identity()));
        assertRejected("G2 point is not in the order-q subgroup",
                () -> G2Element.decode(InvalidPoints.g2OutsideSubgroup()));
        assertRejected("G2 point is not on the curve (blst: point is not on curve)",
                () -> G2Element.decode(InvalidPoints.g2OffCurve()));
        assertRejected("must be 96 bytes", () -> G2Element.decode(new byte[48]));
    }

    private static void assertRejected(String expected, Executable decode) {
        InvalidElementException e = assertThrows(InvalidElementException.class, decode);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
