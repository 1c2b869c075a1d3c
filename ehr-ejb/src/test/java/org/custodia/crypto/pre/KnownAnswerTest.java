package org.custodia.crypto.pre;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.custodia.crypto.PrePrivateKey;
import org.custodia.crypto.envelope.StreamingEnvelopes;
import org.custodia.keys.SecretBytes;
import org.junit.jupiter.api.Test;

/** A change to any encoding, to the KDF or to the envelope header shows up here as a byte difference. */
class KnownAnswerTest {

    private final Map<String, String> committed = load();

    @Test
    void encodingsAndDerivedKeysMatchTheCommittedVectors() throws Exception {
        Map<String, String> computed = KnownAnswerVectors.compute();
        assertEquals(committed.keySet(), computed.keySet());
        for (String name : computed.keySet()) {
            if (!name.equals("envelope")) {
                assertEquals(committed.get(name), computed.get(name), name);
            }
        }
    }

    @Test
    void envelopeHeaderMatchesAndCommittedEnvelopeDecrypts() throws Exception {
        byte[] committedEnvelope = bytes("envelope");
        byte[] computedEnvelope = HexFormat.of().parseHex(KnownAnswerVectors.compute().get("envelope"));
        int tinkHeaderAndTag = 40 + 16;
        int headerLength = committedEnvelope.length - KnownAnswerVectors.RECORD.length - tinkHeaderAndTag;
        assertArrayEquals(Arrays.copyOf(committedEnvelope, headerLength), Arrays.copyOf(computedEnvelope, headerLength));

        AfghKem kem = new AfghKem(new SecureRandom());
        PrePrivateKey owner = kem.privateKey(SecretBytes.copyOf(bytes("owner.private")));
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        byte[] recordId = new StreamingEnvelopes(kem).decrypt(owner, new ByteArrayInputStream(committedEnvelope),
                plaintext);
        assertArrayEquals(KnownAnswerVectors.RECORD, plaintext.toByteArray());
        assertArrayEquals(KnownAnswerVectors.RECORD_ID, recordId);
    }

    @Test
    void committedDelegationDecrypts() throws Exception {
        AfghKem kem = new AfghKem(new SecureRandom());
        PrePrivateKey delegatee = kem.privateKey(SecretBytes.copyOf(bytes("delegatee.private")));
        var dataKey = kem.decapsulate(delegatee, kem.reEncryptedCapsule(bytes("re-encrypted-capsule")));
        assertTrue(SecretBytes.copyOf(bytes("data-key")).equalsSecret(dataKey.secret()));
    }

    private byte[] bytes(String name) {
        return HexFormat.of().parseHex(committed.get(name));
    }

    private static Map<String, String> load() {
        try (InputStream in = KnownAnswerTest.class.getResourceAsStream(KnownAnswerVectors.RESOURCE)) {
            assertNotNull(in, "missing " + KnownAnswerVectors.RESOURCE);
            Map<String, String> vectors = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.split(" = ", 2);
                    vectors.put(parts[0].trim(), parts[1].trim());
                }
            }
            return vectors;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
