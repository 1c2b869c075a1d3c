package org.custodia.crypto.envelope;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import org.custodia.crypto.Capsule;
import org.custodia.crypto.CryptoException;
import org.custodia.crypto.DataKey;
import org.custodia.crypto.DecryptionFailedException;
import org.custodia.crypto.Encapsulation;
import org.custodia.crypto.InvalidEnvelopeException;
import org.custodia.crypto.KeyFingerprint;
import org.custodia.crypto.OriginalMismatchException;
import org.custodia.crypto.PrePrivateKey;
import org.custodia.crypto.PrePublicKey;
import org.custodia.crypto.ProxyReEncryptionKem;
import org.custodia.crypto.ReEncryptedCapsule;
import org.custodia.crypto.ReEncryptionKey;
import org.custodia.crypto.RecordEnvelopes;
import org.custodia.kernel.SecretAccess;

/**
 * {@link RecordEnvelopes} with {@link EnvelopeHeader} headers and Tink's AES-256-GCM-HKDF streaming AEAD for the
 * body (HKDF-SHA256 per-stream keys, STREAM-style segment nonces with a last-segment flag). The body's associated
 * data is the authenticated part of the header, which holds the record id and the original capsule; a proxy adds
 * its re-encrypted capsule after that part and leaves the body untouched, so the delegatee checks the same
 * associated data as the owner.
 */
public final class StreamingEnvelopes implements RecordEnvelopes {

    /**
     * Default ciphertext segment size: memory per stream is about one segment. Small enough that the JDK's AES-GCM
     * reaches its compiled AES-NI path after a few records (a 1 MiB segment is one {@code doFinal} call, which
     * stays on the slow path far longer). Part of envelope format version 2.
     */
    public static final int DEFAULT_SEGMENT_SIZE = 1 << 16;

    private static final int BUFFER_SIZE = 1 << 16;

    private final ProxyReEncryptionKem kem;
    private final int segmentSize;

    public StreamingEnvelopes(ProxyReEncryptionKem kem) {
        this(kem, DEFAULT_SEGMENT_SIZE);
    }

    /** @param segmentSize ciphertext segment size in bytes, at least 256 */
    public StreamingEnvelopes(ProxyReEncryptionKem kem, int segmentSize) {
        this.kem = Objects.requireNonNull(kem, "kem");
        if (segmentSize < 256) {
            throw new IllegalArgumentException("segment size must be at least 256 bytes, got " + segmentSize);
        }
        this.segmentSize = segmentSize;
    }

    @Override
    public void encrypt(byte[] recordId, PrePublicKey owner, InputStream plaintext, OutputStream envelope)
            throws IOException, CryptoException {
        Encapsulation encapsulation = kem.encapsulate(owner);
        try {
            EnvelopeHeader header = EnvelopeHeader.of(kem.suite(), recordId, encapsulation.capsule().toBytes());
            header.write(envelope);
            try (OutputStream body = encryptingStream(encapsulation.dataKey(), envelope, header.associatedData())) {
                plaintext.transferTo(body);
            }
        } finally {
            // also when the header cannot be written (a store that ran out of space)
            encapsulation.dataKey().destroy();
        }
    }

    @Override
    public byte[] decrypt(PrePrivateKey key, InputStream envelope, OutputStream plaintext)
            throws IOException, CryptoException {
        EnvelopeHeader header = readHeader(envelope);
        DataKey dataKey = decapsulate(key, header);
        UncloseableStreams.Source source = new UncloseableStreams.Source(envelope);
        try (InputStream body = decryptingStream(dataKey, source, header.associatedData())) {
            byte[] buffer = new byte[BUFFER_SIZE];
            int read;
            while ((read = readAuthenticated(body, buffer, source)) != -1) {
                plaintext.write(buffer, 0, read);
            }
        } finally {
            dataKey.destroy();
        }
        return header.recordId();
    }

    @Override
    public void reEncrypt(ReEncryptionKey key, InputStream envelope, OutputStream reEncrypted)
            throws IOException, CryptoException {
        EnvelopeHeader header = readHeader(envelope);
        if (header.reEncryptedCapsule() != null) {
            throw new InvalidEnvelopeException("envelope is already re-encrypted; the scheme allows one hop only");
        }
        ReEncryptedCapsule capsule = kem.reEncapsulate(key, kem.capsule(header.capsule()));
        header.reEncrypted(capsule.toBytes()).write(reEncrypted);
        envelope.transferTo(reEncrypted);
    }

    @Override
    public Received verifyReEncrypted(PrePrivateKey key, InputStream envelope, OutputStream copy)
            throws IOException, CryptoException {
        return openReEncrypted(key, envelope, copy, null, OutputStream.nullOutputStream());
    }

    @Override
    public Received decryptReEncrypted(PrePrivateKey key, InputStream envelope, byte[] originalSha256,
            OutputStream plaintext) throws IOException, CryptoException {
        return openReEncrypted(key, envelope, OutputStream.nullOutputStream(),
                Objects.requireNonNull(originalSha256, "originalSha256"), plaintext);
    }

    /**
     * Copies a re-encrypted envelope as read to {@code copy}, its authenticated plaintext to {@code plaintext}, and
     * hashes the original envelope (the header without its re-encryption part, then the body) on the way. With
     * {@code expectedOriginal}, the hash is compared as soon as the envelope's end is read: the decryption reads
     * that end before it releases the last segment's plaintext (it reads ahead to learn which segment is last), so
     * none of that segment is written for an envelope other than the one expected.
     */
    private Received openReEncrypted(PrePrivateKey key, InputStream envelope, OutputStream copy,
            byte[] expectedOriginal, OutputStream plaintext) throws IOException, CryptoException {
        EnvelopeHeader header = readHeader(envelope);
        if (header.reEncryptedCapsule() == null) {
            throw new InvalidEnvelopeException("envelope is not re-encrypted: a proxy adds its capsule before a "
                    + "delegatee receives it");
        }
        MessageDigest original = sha256();
        original.update(header.associatedData());
        original.update((byte) 0); // an original envelope's re-encryption count
        header.write(copy);
        DataKey dataKey = decapsulate(key, header);
        CopyingInput copying = new CopyingInput(envelope, copy, original);
        UncloseableStreams.Source source = new UncloseableStreams.Source(copying);
        long plaintextSize = 0;
        byte[] originalSha256 = null;
        try (InputStream body = decryptingStream(dataKey, source, header.associatedData())) {
            byte[] buffer = new byte[BUFFER_SIZE];
            int read;
            do {
                read = readAuthenticated(body, buffer, source);
                if (originalSha256 == null && copying.ended()) {
                    originalSha256 = original.digest();
                    if (expectedOriginal != null && !MessageDigest.isEqual(originalSha256, expectedOriginal)) {
                        throw new OriginalMismatchException("the re-encrypted envelope's original is not the one "
                                + "expected");
                    }
                }
                if (read > 0) {
                    plaintext.write(buffer, 0, read);
                    plaintextSize += read;
                }
            } while (read != -1);
        } finally {
            dataKey.destroy();
        }
        if (originalSha256 == null) {
            throw new IllegalStateException("the decryption ended before the end of its envelope");
        }
        return new Received(header.recordId(), originalSha256, plaintextSize);
    }

    @Override
    public Owner peekOwner(InputStream envelope) throws IOException, CryptoException {
        if (!envelope.markSupported()) {
            throw new IllegalArgumentException("peeking at a header needs a stream that supports mark and reset");
        }
        envelope.mark(EnvelopeHeader.MAX_LENGTH + 1);
        EnvelopeHeader header = readHeader(envelope);
        if (header.reEncryptedCapsule() != null) {
            throw new InvalidEnvelopeException("envelope is already re-encrypted; the scheme allows one hop only");
        }
        envelope.reset();
        return new Owner(header.recordId(), kem.capsule(header.capsule()).owner());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Passes on what it reads, also writing it to a copy and a digest; tells when it has read to the end. */
    private static final class CopyingInput extends FilterInputStream {

        private final OutputStream copy;
        private final MessageDigest digest;
        private boolean ended;

        CopyingInput(InputStream in, OutputStream copy, MessageDigest digest) {
            super(in);
            this.copy = copy;
            this.digest = digest;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b != -1) {
                copy.write(b);
                digest.update((byte) b);
            } else {
                ended = true;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = in.read(buffer, offset, length);
            if (read > 0) {
                copy.write(buffer, offset, read);
                digest.update(buffer, offset, read);
            } else if (read == -1) {
                ended = true;
            }
            return read;
        }

        /** Whether the stream underneath answered that it has no more bytes. */
        boolean ended() {
            return ended;
        }

        @Override
        public long skip(long n) {
            return 0; // every byte must pass through the copy and the digest
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    private EnvelopeHeader readHeader(InputStream envelope) throws IOException, CryptoException {
        EnvelopeHeader header = EnvelopeHeader.read(envelope);
        if (!header.suite().equals(kem.suite())) {
            throw new InvalidEnvelopeException("envelope suite \"" + header.suite() + "\" is not " + kem.suite());
        }
        return header;
    }

    /** The owner's path, or the delegatee's if a proxy re-encrypted the envelope for this key. */
    private DataKey decapsulate(PrePrivateKey key, EnvelopeHeader header) throws CryptoException {
        Capsule capsule = kem.capsule(header.capsule());
        byte[] reEncryptedEncoding = header.reEncryptedCapsule();
        KeyFingerprint self = key.publicKey().fingerprint();
        if (reEncryptedEncoding == null || capsule.owner().equals(self)) {
            return kem.decapsulate(key, capsule);
        }
        ReEncryptedCapsule reEncrypted = kem.reEncryptedCapsule(reEncryptedEncoding);
        if (!Arrays.equals(reEncrypted.original().toBytes(), header.capsule())) {
            throw new InvalidEnvelopeException("re-encrypted capsule was made from another envelope's capsule");
        }
        return kem.decapsulate(key, reEncrypted);
    }

    private OutputStream encryptingStream(DataKey dataKey, OutputStream envelope, byte[] associatedData)
            throws IOException {
        try {
            return streamingAead(dataKey).newEncryptingStream(new UncloseableStreams.Sink(envelope), associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("streaming AEAD rejected its own parameters", e);
        }
    }

    private InputStream decryptingStream(DataKey dataKey, InputStream envelope, byte[] associatedData)
            throws IOException {
        try {
            return streamingAead(dataKey).newDecryptingStream(envelope, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("streaming AEAD rejected its own parameters", e);
        }
    }

    private StreamingAead streamingAead(DataKey dataKey) throws GeneralSecurityException {
        return dataKey.secret().read(SecretAccess.get(),
                ikm -> new AesGcmHkdfStreaming(ikm, "HmacSha256", DataKey.LENGTH, segmentSize, 0));
    }

    private static int readAuthenticated(InputStream body, byte[] buffer, UncloseableStreams.Source source)
            throws IOException, DecryptionFailedException {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            if (source.failed()) {
                throw e;
            }
            throw new DecryptionFailedException("record body failed authentication: the envelope was modified, "
                    + "truncated or extended, or the key does not match");
        }
    }
}
