package org.custodia.crypto.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.custodia.crypto.CryptoException;
import org.custodia.crypto.DecryptionFailedException;
import org.custodia.crypto.InvalidEnvelopeException;
import org.custodia.crypto.KeyMismatchException;
import org.custodia.crypto.PreKeyPair;
import org.custodia.crypto.PrePrivateKey;
import org.custodia.crypto.ReEncryptionKey;
import org.custodia.crypto.RecordEnvelopes;
import org.custodia.crypto.pre.AfghKem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamingEnvelopesTest {

    private static final int SEGMENT = 512;

    private final AfghKem kem = new AfghKem(new SecureRandom());
    private final StreamingEnvelopes envelopes = new StreamingEnvelopes(kem, SEGMENT);
    private final PreKeyPair hospitalA = kem.generateKeyPair();
    private final PreKeyPair hospitalB = kem.generateKeyPair();
    private final PreKeyPair hospitalC = kem.generateKeyPair();
    private final byte[] recordId = randomBytes(32, 1);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, SEGMENT - 40 - 16, SEGMENT, 3 * SEGMENT + 7})
    void ownerAndDelegateeRoundTrip(int size) throws Exception {
        byte[] plaintext = randomBytes(size, size);
        byte[] envelope = encrypt(plaintext);
        assertArrayEquals(plaintext, decrypt(hospitalA.privateKey(), envelope));

        byte[] reEncrypted = reEncrypt(kem.reEncryptionKey(hospitalA.privateKey(), hospitalB.publicKey()), envelope);
        assertArrayEquals(plaintext, decrypt(hospitalB.privateKey(), reEncrypted));
        assertArrayEquals(plaintext, decrypt(hospitalA.privateKey(), reEncrypted));
    }

    @Test
    void proxyLeavesTheBodyUnchanged() throws Exception {
        byte[] envelope = encrypt(randomBytes(2000, 2));
        byte[] reEncrypted = reEncrypt(kem.reEncryptionKey(hospitalA.privateKey(), hospitalB.publicKey()), envelope);
        int bodyLength = envelope.length - EnvelopeHeader.read(new ByteArrayInputStream(envelope)).associatedData()
                .length - 1;
        assertArrayEquals(Arrays.copyOfRange(envelope, envelope.length - bodyLength, envelope.length),
                Arrays.copyOfRange(reEncrypted, reEncrypted.length - bodyLength, reEncrypted.length));
    }

    @Test
    void everyFlippedByteOfAnOwnerEnvelopeIsDetected() throws Exception {
        assertEveryFlipDetected(encrypt(randomBytes(1500, 3)), hospitalA.privateKey());
    }

    @Test
    void everyFlippedByteOfAReEncryptedEnvelopeIsDetected() throws Exception {
        byte[] envelope = encrypt(randomBytes(1500, 4));
        byte[] reEncrypted = reEncrypt(kem.reEncryptionKey(hospitalA.privateKey(), hospitalB.publicKey()), envelope);
        assertEveryFlipDetected(reEncrypted, hospitalB.privateKey());
    }

    @Test
    void truncationAndExtensionAreDetected() throws Exception {
        byte[] envelope = encrypt(randomBytes(3 * SEGMENT, 5));
        assertThrows(DecryptionFailedException.class,
                () -> decrypt(hospitalA.privateKey(), Arrays.copyOf(envelope, envelope.length - 1)));
        assertThrows(DecryptionFailedException.class,
                () -> decrypt(hospitalA.privateKey(), Arrays.copyOf(envelope, envelope.length - SEGMENT)));
        assertThrows(DecryptionFailedException.class,
                () -> decrypt(hospitalA.privateKey(), Arrays.copyOf(envelope, envelope.length + 1)));
        assertThrows(InvalidEnvelopeException.class,
                () -> decrypt(hospitalA.privateKey(), Arrays.copyOf(envelope, 100)));
    }

    @Test
    void delegateeWithoutReEncryptionIsRefused() throws Exception {
        byte[] envelope = encrypt(randomBytes(100, 6));
        assertThrows(KeyMismatchException.class, () -> decrypt(hospitalB.privateKey(), envelope));
    }

    @Test
    void reEncryptionForAnotherDelegateeIsRefused() throws Exception {
        byte[] envelope = encrypt(randomBytes(100, 7));
        byte[] forC = reEncrypt(kem.reEncryptionKey(hospitalA.privateKey(), hospitalC.publicKey()), envelope);
        assertThrows(KeyMismatchException.class, () -> decrypt(hospitalB.privateKey(), forC));
    }

    @Test
    void reEncryptionKeyFromAnotherOwnerIsRefused() throws Exception {
        byte[] envelope = encrypt(randomBytes(100, 8));
        ReEncryptionKey fromC = kem.reEncryptionKey(hospitalC.privateKey(), hospitalB.publicKey());
        assertThrows(KeyMismatchException.class, () -> reEncrypt(fromC, envelope));
    }

    @Test
    void secondHopIsRefused() throws Exception {
        byte[] once = reEncrypt(kem.reEncryptionKey(hospitalA.privateKey(), hospitalB.publicKey()),
                encrypt(randomBytes(100, 9)));
        ReEncryptionKey onward = kem.reEncryptionKey(hospitalB.privateKey(), hospitalC.publicKey());
        assertThrows(InvalidEnvelopeException.class, () -> reEncrypt(onward, once));
    }

    @Test
    void failureOfTheSourceStreamStaysAnIoError() throws Exception {
        byte[] envelope = encrypt(randomBytes(2000, 10));
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(envelope, 0, 400), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk unplugged");
            }
        });
        IOException e = assertThrows(IOException.class,
                () -> envelopes.decrypt(hospitalA.privateKey(), failing, new ByteArrayOutputStream()));
        assertEquals("disk unplugged", e.getMessage());
    }

    @Test
    void decryptionReturnsTheBoundRecordId() throws Exception {
        byte[] envelope = encrypt(randomBytes(10, 11));
        assertArrayEquals(recordId, envelopes.decrypt(hospitalA.privateKey(), new ByteArrayInputStream(envelope),
                new ByteArrayOutputStream()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, SEGMENT, 3 * SEGMENT + 7})
    void delegateeVerifiesAReceivedEnvelopeAgainstTheOriginalsHashInOnePass(int size) throws Exception {
        byte[] plaintext = randomBytes(size, 40 + size);
        byte[] envelope = encrypt(plaintext);
        byte[] reEncrypted = reEncrypt(kem.reEncryptionKey(hospitalA.privateKey(), hospitalB.publicKey()), envelope);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();

        RecordEnvelopes.Received received = envelopes.verifyReEncrypted(hospitalB.privateKey(),
                new ByteArrayInputStream(reEncrypted), copy);

        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(envelope), received.originalSha256());
        assertArrayEquals(recordId, received.recordId());
        assertEquals(size, received.plaintextSize());
        assertArrayEquals(reEncrypted, copy.toByteArray());
        assertArrayEquals(plaintext, decrypt(hospitalB.privateKey(), copy.toByteArray()));
    }

    @Test
    void delegateeVerificationDetectsEveryFlippedByte() throws Exception {
        byte[] envelope = encrypt(randomBytes(1500, 41));
        byte[] reEncrypted = reEncrypt(kem.reEncryptionKey(hospitalA.privateKey(), hospitalB.publicKey()), envelope);
        byte[] anchored = MessageDigest.getInstance("SHA-256").digest(envelope);
        for (int i = 0; i < reEncrypted.length; i++) {
            byte[] tampered = reEncrypted.clone();
            tampered[i] ^= 0x01;
            try {
                RecordEnvelopes.Received received = envelopes.verifyReEncrypted(hospitalB.privateKey(),
                        new ByteArrayInputStream(tampered), new ByteArrayOutputStream());
                assertFalse(Arrays.equals(anchored, received.originalSha256()) && Arrays.equals(recordId,
                        received.recordId()), "a flip at byte " + i + " went unnoticed");
            } catch (CryptoException expected) {
                // refused outright
            }
        }
    }

    @Test
    void delegateeVerificationRefusesEnvelopesThatAreNotReEncryptedForIt() throws Exception {
        byte[] envelope = encrypt(randomBytes(100, 42));
        assertThrows(InvalidEnvelopeException.class, () -> envelopes.verifyReEncrypted(hospitalB.privateKey(),
                new ByteArrayInputStream(envelope), new ByteArrayOutputStream()));
        byte[] forC = reEncrypt(kem.reEncryptionKey(hospitalA.privateKey(), hospitalC.publicKey()), envelope);
        assertThrows(KeyMismatchException.class, () -> envelopes.verifyReEncrypted(hospitalB.privateKey(),
                new ByteArrayInputStream(forC), new ByteArrayOutputStream()));
    }

    private void assertEveryFlipDetected(byte[] envelope, PrePrivateKey key) throws Exception {
        for (int i = 0; i < envelope.length; i++) {
            byte[] tampered = envelope.clone();
            tampered[i] ^= 0x01;
            try {
                decrypt(key, tampered);
                fail("flipped byte " + i + " of " + envelope.length + " went undetected");
            } catch (CryptoException expected) {
                assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
            }
        }
    }

    private byte[] encrypt(byte[] plaintext) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        envelopes.encrypt(recordId, hospitalA.publicKey(), new ByteArrayInputStream(plaintext), out);
        return out.toByteArray();
    }

    private byte[] decrypt(PrePrivateKey key, byte[] envelope) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        envelopes.decrypt(key, new ByteArrayInputStream(envelope), out);
        return out.toByteArray();
    }

    private byte[] reEncrypt(ReEncryptionKey key, byte[] envelope) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        envelopes.reEncrypt(key, new ByteArrayInputStream(envelope), out);
        return out.toByteArray();
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
