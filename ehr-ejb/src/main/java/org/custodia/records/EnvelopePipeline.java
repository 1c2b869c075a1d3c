package org.custodia.records;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.crypto.CryptoException;
import org.custodia.crypto.OriginalMismatchException;
import org.custodia.crypto.PrePrivateKey;
import org.custodia.crypto.PrePublicKey;
import org.custodia.crypto.RecordEnvelopes;
import org.custodia.filestore.EnvelopeCorruptException;
import org.custodia.filestore.EnvelopeMissingException;
import org.custodia.filestore.EnvelopeStore;
import org.custodia.filestore.FileStoreException;
import org.custodia.filestore.NodeFileStore;
import org.custodia.filestore.StoredEnvelope;
import org.custodia.kernel.InvalidInputException;
import org.custodia.kernel.SenderRate;
import org.custodia.keys.NodeKeys;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Streams a record's content into an envelope in the file store, and back out while checking it, with memory
 * bounded by one envelope segment whatever the record's size. Plaintext never touches the disk. One per node.
 */
@ApplicationScoped
class EnvelopePipeline {

    private static final Logger LOG = Logger.getLogger(EnvelopePipeline.class.getName());

    /** An envelope written to the store and the size of the plaintext it holds. */
    record Sealed(StoredEnvelope envelope, long plaintextSize) {
    }

    /**
     * What an upload reads before it takes one of the store's write slots: a sender that stalls before its first
     * bytes holds no slot, and a document this small holds one only while it is encrypted and written.
     */
    static final int READ_BEFORE_WRITE_SLOT = 64 * 1024;
    /** How long an upload's reader may wait for its sender before the sender's rate is checked ({@link SenderRate}). */
    static final Duration UPLOAD_RATE_GRACE = Duration.ofSeconds(30);

    private final RecordEnvelopes envelopes;
    private final EnvelopeStore store;
    private final long maximumPlaintextBytes;
    private final Duration uploadRateGrace;

    protected EnvelopePipeline() {
        // for CDI proxies
        this.envelopes = null;
        this.store = null;
        this.maximumPlaintextBytes = 0;
        this.uploadRateGrace = null;
    }

    @Inject
    EnvelopePipeline(NodeKeys keys, NodeFileStore fileStore,
                     @ConfigProperty(name = "custodia.records.max-size-mb") long maximumSizeMegabytes) {
        this(keys.envelopes(), fileStore.envelopes(), maximumSizeMegabytes * 1024 * 1024);
    }

    /** @param maximumPlaintextBytes a longer upload is refused (and nothing of it kept) */
    EnvelopePipeline(RecordEnvelopes envelopes, EnvelopeStore store, long maximumPlaintextBytes) {
        this(envelopes, store, maximumPlaintextBytes, UPLOAD_RATE_GRACE);
    }

    /** @param uploadRateGrace how long an upload's reader may wait for its sender before the rate is checked */
    EnvelopePipeline(RecordEnvelopes envelopes, EnvelopeStore store, long maximumPlaintextBytes,
            Duration uploadRateGrace) {
        this.envelopes = envelopes;
        this.store = store;
        this.maximumPlaintextBytes = maximumPlaintextBytes;
        this.uploadRateGrace = uploadRateGrace;
    }

    /**
     * Encrypts {@code plaintext} for {@code owner} into a new envelope; complete on disk when this returns.
     *
     * @throws RecordTooLargeException if the plaintext is longer than the maximum; nothing is kept then
     * @throws org.custodia.filestore.FileStoreFullException if the store has too little room
     * @throws org.custodia.filestore.FileStoreBusyException if the store has as many writes in progress as it allows
     * @throws IOException if reading the plaintext or writing the store fails; nothing is kept then
     */
    Sealed seal(byte[] recordId, PrePublicKey owner, InputStream plaintext) throws IOException {
        return seal(recordId, owner, plaintext, -1);
    }

    /**
     * As {@link #seal(byte[], PrePublicKey, InputStream)}, for a plaintext whose sender declared its length (a
     * request's {@code Content-Length}; below 0 when not declared): one that ends before that length, or goes on
     * beyond it, is refused and nothing of it kept, as the sender's connection may have dropped without an error.
     * The first {@value #READ_BEFORE_WRITE_SLOT} bytes are read before a write slot is taken, and a sender that
     * delivers more slowly than the {@link SenderRate} is refused: neither a stalled nor a trickling upload holds a
     * slot that others wait for.
     *
     * @throws InvalidInputException if the plaintext is empty, not as long as declared, or arrives too slowly
     */
    Sealed seal(byte[] recordId, PrePublicKey owner, InputStream plaintext, long declaredLength) throws IOException {
        LimitedInputStream counted = new LimitedInputStream(new PacedInputStream(plaintext,
                new SenderRate(uploadRateGrace)), maximumPlaintextBytes);
        StoredEnvelope stored;
        try {
            byte[] head = counted.readNBytes(READ_BEFORE_WRITE_SLOT);
            if (head.length == 0 && declaredLength > 0) {
                throw new NotAsDeclared(0, declaredLength);
            }
            if (head.length == 0) {
                // an empty document would be anchored for good: a failed scan or export, not a record
                throw new InvalidInputException("the document is empty: nothing was stored");
            }
            InputStream headFirst = new SequenceInputStream(new ByteArrayInputStream(head), counted);
            stored = store.store(out -> {
                envelopes.encrypt(recordId, owner, headFirst, out);
                if (declaredLength >= 0 && counted.count != declaredLength) {
                    throw new NotAsDeclared(counted.count, declaredLength);
                }
            });
        } catch (CryptoException e) {
            throw new IllegalStateException("the patient's stored public key is unusable: " + e.getMessage(), e);
        } catch (LimitExceeded e) {
            throw tooLarge();
        } catch (NotAsDeclared | TooSlow e) {
            throw new InvalidInputException(e.getMessage());
        }
        return new Sealed(stored, counted.count);
    }

    /**
     * Refuses a document whose sender declared it longer than the maximum (a request's {@code Content-Length}), before
     * any of it is read or a write slot is taken; {@code declaredLength} below 0 when not declared.
     *
     * @throws RecordTooLargeException if it is declared longer
     */
    void requireFits(long declaredLength) {
        if (declaredLength > maximumPlaintextBytes) {
            throw tooLarge();
        }
    }

    private RecordTooLargeException tooLarge() {
        return new RecordTooLargeException("the document is larger than the " + maximumPlaintextBytes
                / (1024 * 1024) + " MB this node accepts (custodia.records.max-size-mb); nothing was stored");
    }

    /**
     * Keeps an envelope a proxy re-encrypted for {@code key}'s owner, after checking in the same pass that it opens
     * with the key, authenticates to its end, names {@code recordId} and that the original envelope hashes to
     * {@code anchoredSha256}; complete on disk when this returns. No plaintext is written anywhere.
     *
     * @throws RecordIntegrityException if any check fails; nothing is kept then
     * @throws RecordTooLargeException if the envelope is longer than that of a record of this node's maximum size
     *                                 (another custodian's may be larger, or lie); nothing is kept then
     * @throws org.custodia.filestore.FileStoreFullException if the store has too little room
     * @throws org.custodia.filestore.FileStoreBusyException if the store has as many writes in progress as it allows
     * @throws IOException if reading the envelope or writing the store fails; nothing is kept then
     */
    Sealed receive(byte[] recordId, byte[] anchoredSha256, PrePrivateKey key, InputStream reEncrypted)
            throws IOException {
        long[] plaintextSize = new long[1];
        // the envelope of a record of this node's maximum size: a tag per segment (a 64th covers segments of 1 KiB
        // and more) and its header, with room to spare
        LimitedInputStream counted = new LimitedInputStream(reEncrypted,
                maximumPlaintextBytes + maximumPlaintextBytes / 64 + 64 * 1024);
        StoredEnvelope stored;
        try {
            stored = store.store(out -> {
                RecordEnvelopes.Received received = envelopes.verifyReEncrypted(key, counted, out);
                if (!Arrays.equals(received.recordId(), recordId)) {
                    throw new ReceivedMismatch("the received envelope belongs to another record");
                }
                if (!Arrays.equals(received.originalSha256(), anchoredSha256)) {
                    throw new ReceivedMismatch("the received envelope does not match the hash its custodian "
                            + "anchored on chain");
                }
                plaintextSize[0] = received.plaintextSize();
            });
        } catch (ReceivedMismatch e) {
            throw new RecordIntegrityException(e.getMessage() + ": nothing was kept");
        } catch (IOException e) {
            if (counted.exceeded()) {
                throw new RecordTooLargeException("the received envelope of record "
                        + HexFormat.of().formatHex(recordId) + " is larger than a record of the "
                        + maximumPlaintextBytes / (1024 * 1024) + " MB this node keeps (custodia.records.max-size-mb): "
                        + "nothing was kept");
            }
            throw e;
        } catch (CryptoException e) {
            throw new RecordIntegrityException("the received envelope of record " + HexFormat.of().formatHex(recordId)
                    + " does not open with this hospital's key or fails authentication: nothing was kept");
        }
        return new Sealed(stored, plaintextSize[0]);
    }

    /**
     * Deletes the envelope of an upload whose record the database refused ({@link RecordNotKeptException}): a failed
     * upload leaves nothing behind, however often it is retried. A deletion that fails is logged, and the start-up
     * sweep sets the envelope aside later. Never for a received envelope: a retried retrieval stores the same bytes
     * under the same key, and its record may be committing.
     */
    void discardUnkept(Sealed upload) {
        String key = upload.envelope().storageKey();
        try {
            store.discard(key);
        } catch (IOException | RuntimeException e) {
            LOG.warning("The envelope " + key + " of a record the database did not keep could not be deleted (the "
                    + "start-up sweep sets it aside once it is older than custodia.filestore.orphan-age): "
                    + e.getMessage());
        }
    }

    /** A plaintext of another length than its sender declared: ends the write, which keeps nothing. */
    private static final class NotAsDeclared extends IOException {
        private static final long serialVersionUID = 1L;

        NotAsDeclared(long read, long declared) {
            super(read < declared
                    ? "the document ended after " + read + " bytes, but its sender declared " + declared
                            + " (Content-Length): it was cut short on its way, and nothing was stored"
                    : "the document went on beyond the " + declared + " bytes its sender declared (Content-Length): "
                            + "nothing was stored");
        }
    }

    /** A plaintext that arrives more slowly than the {@link SenderRate}: ends the write, which keeps nothing. */
    private static final class TooSlow extends IOException {
        private static final long serialVersionUID = 1L;

        TooSlow(String shortfall) {
            super("the document arrived too slowly (" + shortfall + "): nothing was stored");
        }
    }

    /**
     * Times its reads, the waits for the sender, and fails once the bytes arrive more slowly than the rate. Does not
     * close the sender's stream, which stays its owner's to close.
     */
    private static final class PacedInputStream extends FilterInputStream {
        private final SenderRate rate;
        private long received;

        PacedInputStream(InputStream in, SenderRate rate) {
            super(in);
            this.rate = rate;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            long started = System.nanoTime();
            int n = super.read(buffer, offset, length);
            rate.waited(System.nanoTime() - started);
            if (n > 0) {
                received += n;
            }
            if (n >= 0 && rate.tooSlow(received)) {
                throw new TooSlow(rate.shortfall(received));
            }
            return n;
        }

        @Override
        public void close() {
            // the sender's stream is its owner's (the request's body)
        }
    }

    /** A received envelope that authenticates but is not the anchored one: ends the write, which keeps nothing. */
    private static final class ReceivedMismatch extends IOException {
        private static final long serialVersionUID = 1L;

        ReceivedMismatch(String message) {
            super(message);
        }
    }

    /**
     * Decrypts the envelope to {@code plaintext} in one pass over the stored file, checking each segment's
     * authentication before its plaintext is written, and the whole envelope's SHA-256 and its record id at the end.
     * On a failure part of the plaintext may already be written: the caller aborts its output.
     *
     * @throws RecordIntegrityException if the envelope is missing, modified, or belongs to another record or key
     */
    void open(String recordId, String storageKey, byte[] sha256, PrePrivateKey key, OutputStream plaintext)
            throws IOException {
        open(recordId, storageKey, sha256, envelope -> envelopes.decrypt(key, envelope, plaintext));
    }

    /**
     * As {@link #open}, for a record another hospital shared, kept as a proxy re-encrypted it: also checks that the
     * envelope is re-encrypted and that its original hashes to {@code anchoredSha256}, what its custodian anchored,
     * before the plaintext of its last segment is written. The stored hash alone lets whoever can write the database
     * and the file store put an envelope made anew for this hospital's public key in its place.
     *
     * @throws RecordIntegrityException as {@link #open}, or if the envelope is not the one its custodian anchored
     */
    void openReceived(String recordId, String storageKey, byte[] sha256, byte[] anchoredSha256, PrePrivateKey key,
            OutputStream plaintext) throws IOException {
        open(recordId, storageKey, sha256, envelope -> {
            try {
                return envelopes.decryptReEncrypted(key, envelope, anchoredSha256, plaintext).recordId();
            } catch (OriginalMismatchException e) {
                throw new RecordIntegrityException("the stored envelope of record " + recordId + " is not the one "
                        + "its custodian anchored on chain: download refused");
            }
        });
    }

    private void open(String recordId, String storageKey, byte[] sha256, Decryption decryption) throws IOException {
        byte[] bound;
        try (InputStream envelope = store.open(storageKey, sha256)) {
            bound = decryption.recordIdOf(envelope);
            // the hash is checked when the stored file is read to its end (nothing may follow the last segment)
            if (envelope.read() != -1) {
                throw new EnvelopeCorruptException("envelope " + storageKey + " has bytes after its last segment");
            }
        } catch (EnvelopeMissingException e) {
            throw missing(recordId);
        } catch (EnvelopeCorruptException | CryptoException e) {
            throw tampered(recordId);
        } catch (FileStoreException e) {
            throw new IOException("cannot read the envelope of record " + recordId + ": " + e.getMessage(), e);
        }
        if (!Arrays.equals(bound, HexFormat.of().parseHex(recordId))) {
            throw new RecordIntegrityException("the stored envelope of record " + recordId
                    + " belongs to another record: download refused");
        }
    }

    /** Decrypts a stored envelope, read from its start, and returns the record id it is bound to. */
    @FunctionalInterface
    private interface Decryption {
        byte[] recordIdOf(InputStream envelope) throws IOException, CryptoException;
    }

    /**
     * The stored envelope as it is, checked against {@code sha256} as it is read to its end.
     *
     * @throws RecordIntegrityException if it is missing
     */
    InputStream openEnvelope(String recordId, String storageKey, byte[] sha256) throws IOException {
        try {
            return store.open(storageKey, sha256);
        } catch (EnvelopeMissingException e) {
            throw missing(recordId);
        } catch (FileStoreException e) {
            throw new IOException("cannot read the envelope of record " + recordId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a record whose envelope is not in the store, before anything is sent.
     *
     * @throws RecordIntegrityException if it is missing
     */
    void requireStored(String recordId, String storageKey) {
        if (!store.contains(storageKey)) {
            throw missing(recordId);
        }
    }

    private static RecordIntegrityException tampered(String recordId) {
        return new RecordIntegrityException("the stored envelope of record " + recordId
                + " does not match its recorded SHA-256 or fails authentication: it was modified or damaged in the "
                + "file store; download refused");
    }

    private static RecordIntegrityException missing(String recordId) {
        return new RecordIntegrityException("the stored envelope of record " + recordId
                + " is missing from the file store; download refused");
    }

    /** Reading past the maximum: ends the write, which then keeps nothing. */
    private static final class LimitExceeded extends IOException {
        private static final long serialVersionUID = 1L;

        LimitExceeded() {
            super("larger than the maximum record size");
        }
    }

    /** Counts the bytes read through it and fails past a maximum. */
    private static final class LimitedInputStream extends FilterInputStream {
        private final long maximum;
        private long count;

        LimitedInputStream(InputStream in, long maximum) {
            super(in);
            this.maximum = maximum;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        /** Whether more than the maximum was read. */
        boolean exceeded() {
            return count > maximum;
        }

        private void counted(long n) throws LimitExceeded {
            count += n;
            if (count > maximum) {
                throw new LimitExceeded();
            }
        }
    }
}
