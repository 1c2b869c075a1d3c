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
        assertRejected("subgroup", () -> G1Element.decode(InvalidPoints.g1OutsideSubgroup()));
        assertRejected("not a valid compressed", () -> G1Element.decode(InvalidPoints.g1OffCurve()));
        assertRejected("not a valid compressed", () -> G1Element.decode(InvalidPoints.g1NonCanonical()));
        assertRejected("must be 48 bytes", () -> G1Element.decode(new byte[96]));
    }

    @Test
    void g1RejectsUncompressedFlagOnValidPoint() {
        byte[] encoded = G1Element.generator().multiply(k).encode();
        encoded[0] &= 0x7f;
        assertThrows(InvalidElementException.class, () -> G1Element.decode(encoded));
    }

    @Test
    void g2RejectsInvalidPoints() {
        assertRejected("identity", () -> G2Element.decode(InvalidPoints.g2Identity()));
        assertRejected("subgroup", () -> G2Element.decode(InvalidPoints.g2OutsideSubgroup()));
        assertRejected("not a valid compressed", () -> G2Element.decode(InvalidPoints.g2OffCurve()));
        assertRejected("must be 96 bytes", () -> G2Element.decode(new byte[48]));
    }

    private static void assertRejected(String expected, Executable decode) {
        InvalidElementException e = assertThrows(InvalidElementException.class, decode);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
