package org.custodia.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

import org.custodia.crypto.KeyFingerprint;
import org.junit.jupiter.api.Test;

/** The associated data of an owner-bound wrapping, byte for byte: changing it strands every stored key pair. */
class KeyOwnerTest {

    private static final KeyFingerprint FINGERPRINT =
            KeyFingerprint.fromBytes(HexFormat.of().parseHex("0f".repeat(32)));

    @Test
    void aPatientsContextIsKindIdAndFingerprintEachPrefixedWithItsLength() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertArrayEquals(concat("00000007", ascii("patient"), "00000024", ascii(id.toString()), "00000020",
                FINGERPRINT.toString()), KeyOwner.patient(id).wrappingContext(FINGERPRINT));
        assertEquals("patient " + id, KeyOwner.patient(id).toString());
    }

    @Test
    void theNodesContextNamesItsOwnKeyPairRow() {
        assertArrayEquals(concat("00000008", ascii("node-key"), "00000001", ascii("1"), "00000020",
                FINGERPRINT.toString()), KeyOwner.node().wrappingContext(FINGERPRINT));
    }

    private static String ascii(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] concat(String... hexParts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String part : hexParts) {
            bytes.writeBytes(HexFormat.of().parseHex(part));
        }
        return bytes.toByteArray();
    }
}
