package org.custodia.crypto.pre;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.custodia.crypto.PrePrivateKey;
import org.custodia.crypto.envelope.StreamingEnvelopes;
import org.custodia.crypto.internal.G1Element;
import org.custodia.crypto.internal.G2Element;
import org.custodia.crypto.internal.GtElement;
import org.custodia.kernel.SecretBytes;
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
    void committedZDecodesToThePairingOfTheGenerators() throws Exception {
        GtElement z = GtElement.decode(bytes("z"));
        assertEquals(GtElement.pair(G1Element.generator(), G2Element.generator()), z);
        assertArrayEquals(bytes("z"), z.encode());
    }

    @Test
    void envelopeHeaderMatchesAndCommittedEnvelopeDecrypts() throws Exception {
        byte[] committedEnvelope = bytes("envelope");
        byte[] computedEnvelope = HexFormat.of().parseHex(KnownAnswerVectors.compute().get("envelope"));
        int headerLength = KnownAnswerVectors.OWNER_HEADER_LENGTH;
        assertEquals(headerLength + KnownAnswerVectors.STREAM_HEADER_LENGTH + KnownAnswerVectors.RECORD.length
                + KnownAnswerVectors.TAG_LENGTH, committedEnvelope.length);
        assertArrayEquals(Arrays.copyOf(committedEnvelope, headerLength), Arrays.copyOf(computedEnvelope, headerLength));

        AfghKem kem = new AfghKem(new SecureRandom());
        PrePrivateKey owner = kem.privateKey(SecretBytes.copyOf(bytes("owner.private")));
        assertTrue(SecretBytes.copyOf(bytes("envelope.data-key")).equalsSecret(
                KnownAnswerVectors.envelopeDataKey(kem, owner, committedEnvelope).secret()));
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        byte[] recordId = new StreamingEnvelopes(kem).decrypt(owner, new ByteArrayInputStream(committedEnvelope),
                plaintext);
        assertArrayEquals(bytes("envelope.plaintext"), plaintext.toByteArray());
        assertArrayEquals(KnownAnswerVectors.RECORD, plaintext.toByteArray());
        assertArrayEquals(KnownAnswerVectors.RECORD_ID, recordId);
    }

    /**
     * The body as the README's interoperability section describes it, read with the JDK alone (no Tink): stream
     * header, per-stream key, segment nonces and sizes.
     */
    @Test
    void committedBodyDecryptsAsTheReadmeDescribesIt() throws Exception {
        byte[] envelope = bytes("envelope");
        int headerLength = KnownAnswerVectors.OWNER_HEADER_LENGTH;
        assertEquals(0, envelope[headerLength - 1], "re-encryption count");
        byte[] associatedData = Arrays.copyOf(envelope, headerLength - 1);
        byte[] body = Arrays.copyOfRange(envelope, headerLength, envelope.length);
        assertEquals(KnownAnswerVectors.STREAM_HEADER_LENGTH, body[0]);
        byte[] salt = Arrays.copyOfRange(body, 1, 33);
        byte[] noncePrefix = Arrays.copyOfRange(body, 33, 40);
        byte[] key = hkdfSha256(bytes("envelope.data-key"), salt, associatedData, 32);

        int segmentSize = StreamingEnvelopes.DEFAULT_SEGMENT_SIZE;
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        int position = KnownAnswerVectors.STREAM_HEADER_LENGTH;
        for (int segment = 0; position < body.length; segment++) {
            // segment i ends at body offset (i + 1) * segment size: the first one is shorter by the stream header
            int end = (int) Math.min(body.length, (segment + 1L) * segmentSize);
            boolean last = end == body.length;
            byte[] nonce = ByteBuffer.allocate(12).put(noncePrefix).putInt(segment).put((byte) (last ? 1 : 0))
                    .array();
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            plaintext.write(gcm.doFinal(body, position, end - position));
            position = end;
        }
        assertArrayEquals(bytes("envelope.plaintext"), plaintext.toByteArray());
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

    /** RFC 5869 with HMAC-SHA256, written out so that the test does not lean on Tink's HKDF. */
    private static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info, int length)
            throws GeneralSecurityException {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] pseudorandomKey = hmac.doFinal(ikm);
        hmac.init(new SecretKeySpec(pseudorandomKey, "HmacSHA256"));
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        for (int counter = 1, done = 0; done < length; counter++) {
            hmac.update(block);
            hmac.update(info);
            hmac.update((byte) counter);
            block = hmac.doFinal();
            int take = Math.min(block.length, length - done);
            System.arraycopy(block, 0, out, done, take);
            done += take;
        }
        return out;
    }

    private static Map<String, String> load() {
        try (InputStream in = KnownAnswerTest.class.getResourceAsStream(KnownAnswerVectors.RESOURCE)) {
            assertNotNull(in, "missing " + KnownAnswerVectors.RESOURCE);
            return KnownAnswerVectors.parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
