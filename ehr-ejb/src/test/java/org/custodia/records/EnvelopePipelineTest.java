package org.custodia.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.custodia.crypto.PreKeyPair;
import org.custodia.crypto.envelope.StreamingEnvelopes;
import org.custodia.crypto.pre.AfghKem;
import org.custodia.filestore.EnvelopeStore;
import org.custodia.kernel.InvalidInputException;
import org.custodia.kernel.SenderRate;
import org.custodia.testing.TestThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload and download pipeline with the real crypto suite and a real envelope store on a temporary directory. */
class EnvelopePipelineTest {

    private static final long MAXIMUM = 4 * 1024 * 1024;

    @TempDir
    Path root;

    private final AfghKem kem = new AfghKem(new SecureRandom());
    private final PreKeyPair patient = kem.generateKeyPair();
    private final Random random = new Random(42);

    private EnvelopePipeline pipeline() {
        return new EnvelopePipeline(new StreamingEnvelopes(kem, 4096),
                new EnvelopeStore(root, 0, 8, Duration.ofSeconds(30), TestThreads.pool(),
                        TestThreads.pool()), MAXIMUM);
    }

    @Test
    void roundTripsSmallAndMultiSegmentRecords() throws Exception {
        for (int size : new int[] {1, 1024, 3 * 1024 * 1024 + 5}) {
            byte[] plaintext = bytes(size);
            byte[] recordId = bytes(32);
            EnvelopePipeline.Sealed sealed = pipeline().seal(recordId, patient.publicKey(),
                    new ByteArrayInputStream(plaintext));

            assertEquals(size, sealed.plaintextSize());
            Path file = envelopeFile(sealed.envelope().storageKey());
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)),
                    sealed.envelope().sha256(), "the recorded hash is the hash of the stored envelope");
            assertEquals(Files.size(file), sealed.envelope().size());

            String id = HexFormat.of().formatHex(recordId);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pipeline().open(id, sealed.envelope().storageKey(), sealed.envelope().sha256(), patient.privateKey(), out);
            assertArrayEquals(plaintext, out.toByteArray());
        }
    }

    @Test
    void noPlaintextReachesTheStore() throws Exception {
        byte[] plaintext = "Hemoglobin 13.5 g/dL, patient Jane Roe".repeat(100).getBytes(StandardCharsets.UTF_8);
        EnvelopePipeline.Sealed sealed = pipeline().seal(bytes(32), patient.publicKey(),
                new ByteArrayInputStream(plaintext));
        String stored = new String(Files.readAllBytes(envelopeFile(sealed.envelope().storageKey())),
                StandardCharsets.ISO_8859_1);
        assertFalse(stored.contains("Jane Roe"));
        assertFalse(stored.contains("Hemoglobin"));
    }

    @Test
    void aTamperedEnvelopeIsRefusedWhileDecrypting() throws Exception {
        byte[] recordId = bytes(32);
        String id = HexFormat.of().formatHex(recordId);
        EnvelopePipeline.Sealed sealed = pipeline().seal(recordId, patient.publicKey(),
                new ByteArrayInputStream(bytes(50_000)));
        Path file = envelopeFile(sealed.envelope().storageKey());
        for (long position : new long[] {0, 100, Files.size(file) / 2, Files.size(file) - 1}) {
            byte[] original = Files.readAllBytes(file);
            byte[] tampered = original.clone();
            tampered[(int) position] ^= 0x01;
            Files.write(file, tampered);

            RecordIntegrityException refused = assertThrows(RecordIntegrityException.class, () -> pipeline()
                    .open(id, sealed.envelope().storageKey(), sealed.envelope().sha256(), patient.privateKey(),
                            OutputStream.nullOutputStream()));
            assertTrue(refused.getMessage().contains(id) && refused.getMessage().contains("refused"),
                    refused.getMessage());
            Files.write(file, original);
        }
    }

    @Test
    void aMissingEnvelopeIsRefused() throws Exception {
        byte[] recordId = bytes(32);
        EnvelopePipeline.Sealed sealed = pipeline().seal(recordId, patient.publicKey(),
                new ByteArrayInputStream(bytes(10)));
        Files.delete(envelopeFile(sealed.envelope().storageKey()));
        RecordIntegrityException refused = assertThrows(RecordIntegrityException.class, () -> pipeline()
                .open(HexFormat.of().formatHex(recordId), sealed.envelope().storageKey(), sealed.envelope().sha256(),
                        patient.privateKey(), OutputStream.nullOutputStream()));
        assertTrue(refused.getMessage().contains("missing"), refused.getMessage());
    }

    @Test
    void anEnvelopeOfAnotherRecordIsRefused() throws Exception {
        EnvelopePipeline.Sealed sealed = pipeline().seal(bytes(32), patient.publicKey(),
                new ByteArrayInputStream(bytes(100)));
        String otherRecord = HexFormat.of().formatHex(bytes(32));
        assertThrows(RecordIntegrityException.class, () -> pipeline().open(otherRecord,
                sealed.envelope().storageKey(), sealed.envelope().sha256(), patient.privateKey(),
                OutputStream.nullOutputStream()));
    }

    @Test
    void anotherPatientsKeyIsRefused() throws Exception {
        byte[] recordId = bytes(32);
        EnvelopePipeline.Sealed sealed = pipeline().seal(recordId, patient.publicKey(),
                new ByteArrayInputStream(bytes(100)));
        assertThrows(RecordIntegrityException.class, () -> pipeline().open(HexFormat.of().formatHex(recordId),
                sealed.envelope().storageKey(), sealed.envelope().sha256(), kem.generateKeyPair().privateKey(),
                OutputStream.nullOutputStream()));
    }

    @Test
    void anUploadThatBreaksOffLeavesNoEnvelope() throws Exception {
        InputStream breaksOff = new SequenceInputStream(new ByteArrayInputStream(bytes(200_000)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        });
        IOException failure = assertThrows(IOException.class,
                () -> pipeline().seal(bytes(32), patient.publicKey(), breaksOff));
        assertEquals("client went away", failure.getMessage());
        try (Stream<Path> files = Files.walk(root)) {
            assertEquals(0, files.filter(Files::isRegularFile).count(), "neither an envelope nor a temporary file");
        }
    }

    @Test
    void anUploadBeyondTheMaximumIsRefusedAndLeavesNoEnvelope() throws Exception {
        pipeline().seal(bytes(32), patient.publicKey(), new ByteArrayInputStream(bytes((int) MAXIMUM)));
        long stored;
        try (Stream<Path> files = Files.walk(root)) {
            stored = files.filter(Files::isRegularFile).count();
        }
        RecordTooLargeException refused = assertThrows(RecordTooLargeException.class, () -> pipeline()
                .seal(bytes(32), patient.publicKey(), new ByteArrayInputStream(bytes((int) MAXIMUM + 1))));
        assertTrue(refused.getMessage().contains("custodia.records.max-size-mb"), refused.getMessage());
        try (Stream<Path> files = Files.walk(root)) {
            assertEquals(stored, files.filter(Files::isRegularFile).count(), "nothing more was kept");
        }
    }

    /**
     * A body declared longer than the maximum (its Content-Length) is refused before any of it is read: it was read,
     * encrypted and written up to the maximum first.
     */
    @Test
    void aDocumentDeclaredLongerThanTheMaximumIsRefusedBeforeItIsRead() {
        RecordTooLargeException refused = assertThrows(RecordTooLargeException.class,
                () -> pipeline().requireFits(MAXIMUM + 1));
        assertTrue(refused.getMessage().contains("custodia.records.max-size-mb"), refused.getMessage());
        pipeline().requireFits(MAXIMUM);
        pipeline().requireFits(-1);
    }

    /**
     * A document that ends before the length its sender declared (a connection that dropped without an error), or goes
     * on beyond it, is refused and leaves nothing: it was stored and anchored as the whole document.
     */
    @Test
    void aDocumentOfAnotherLengthThanDeclaredIsRefusedAndLeavesNoEnvelope() throws Exception {
        InvalidInputException cutShort = assertThrows(InvalidInputException.class, () -> pipeline().seal(bytes(32),
                patient.publicKey(), new ByteArrayInputStream(bytes(600)), 1000));
        assertEquals("the document ended after 600 bytes, but its sender declared 1000 (Content-Length): it was cut "
                + "short on its way, and nothing was stored", cutShort.getMessage());
        InvalidInputException longer = assertThrows(InvalidInputException.class, () -> pipeline().seal(bytes(32),
                patient.publicKey(), new ByteArrayInputStream(bytes(600)), 10));
        assertEquals("the document went on beyond the 10 bytes its sender declared (Content-Length): nothing was "
                + "stored", longer.getMessage());
        assertEquals(0, storedFiles());

        EnvelopePipeline.Sealed whole = pipeline().seal(bytes(32), patient.publicKey(),
                new ByteArrayInputStream(bytes(600)), 600);
        assertEquals(600, whole.plaintextSize());
    }

    /**
     * An empty document is refused, declared or not: an upload with a media type and no body was stored and anchored
     * for good, while the same without a media type was refused.
     */
    @Test
    void anEmptyDocumentIsRefusedAndLeavesNoEnvelope() throws Exception {
        for (long declared : new long[] {0, -1}) {
            InvalidInputException empty = assertThrows(InvalidInputException.class, () -> pipeline().seal(bytes(32),
                    patient.publicKey(), InputStream.nullInputStream(), declared));
            assertEquals("the document is empty: nothing was stored", empty.getMessage());
        }
        InvalidInputException cutShort = assertThrows(InvalidInputException.class, () -> pipeline().seal(bytes(32),
                patient.publicKey(), InputStream.nullInputStream(), 4096));
        assertTrue(cutShort.getMessage().startsWith("the document ended after 0 bytes, but its sender declared 4096"),
                "declared longer, it was cut short on its way: " + cutShort.getMessage());
        assertEquals(0, storedFiles());
        assertEquals(1, pipeline().seal(bytes(32), patient.publicKey(), new ByteArrayInputStream(bytes(1)), 1)
                .plaintextSize());
    }

    /**
     * An upload takes a write slot only once its first bytes have arrived: one whose sender stalls before them held
     * the store's only slot, and every other upload was refused as busy.
     */
    @Test
    void anUploadWhoseSenderHasNotStartedHoldsNoWriteSlot() throws Exception {
        EnvelopePipeline oneSlot = new EnvelopePipeline(new StreamingEnvelopes(kem, 4096),
                new EnvelopeStore(root, 0, 1, Duration.ZERO, TestThreads.pool(), TestThreads.pool()), MAXIMUM);
        byte[] late = bytes(100_000);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch sent = new CountDownLatch(1);
        InputStream stalled = new SequenceInputStream(new InputStream() {
            @Override
            public int read() throws IOException {
                reading.countDown();
                try {
                    sent.await();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                }
                return -1;
            }
        }, new ByteArrayInputStream(late));
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try {
            Future<EnvelopePipeline.Sealed> first = sender.submit(() -> oneSlot.seal(bytes(32), patient.publicKey(),
                    stalled, late.length));
            assertTrue(reading.await(10, TimeUnit.SECONDS));

            EnvelopePipeline.Sealed other = oneSlot.seal(bytes(32), patient.publicKey(),
                    new ByteArrayInputStream(bytes(5000)), 5000);
            assertEquals(5000, other.plaintextSize(), "stored while the first upload waits for its sender");

            sent.countDown();
            assertEquals(late.length, first.get(10, TimeUnit.SECONDS).plaintextSize());
        } finally {
            sent.countDown();
            sender.shutdownNow();
        }
    }

    /**
     * A sender that delivers its first bytes at once, then a byte now and then, is refused once a span of waiting
     * finds it slower than the slowest rate; it leaves nothing and gives its write slot back.
     */
    @Test
    void aTricklingUploadIsRefusedLeavesNothingAndGivesItsSlotBack() throws Exception {
        EnvelopePipeline oneSlot = new EnvelopePipeline(new StreamingEnvelopes(kem, 4096),
                new EnvelopeStore(root, 0, 1, Duration.ZERO, TestThreads.pool(), TestThreads.pool()), MAXIMUM,
                Duration.ofMillis(200));
        InputStream trickle = new SequenceInputStream(new ByteArrayInputStream(bytes(100_000)), new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                }
                return 'x';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                buffer[offset] = (byte) read();
                return 1;
            }
        });

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> oneSlot.seal(bytes(32),
                patient.publicKey(), trickle, 200_000));
        assertTrue(refused.getMessage().contains("arrived too slowly") && refused.getMessage().contains("more slowly "
                + "than " + SenderRate.MIN_BYTES_PER_SECOND + " bytes a second"), refused.getMessage());
        assertEquals(0, storedFiles());
        assertEquals(10, oneSlot.seal(bytes(32), patient.publicKey(), new ByteArrayInputStream(bytes(10)), 10)
                .plaintextSize(), "the slot was given back");
    }

    /**
     * A record of this node's maximum size, received from another custodian, is kept; one larger (another
     * custodian's maximum may be larger, or it may lie) is refused as it streams in, and leaves nothing.
     */
    @Test
    void aReceivedEnvelopeIsKeptUpToTheMaximumAndRefusedBeyond() throws Exception {
        PreKeyPair hospital = kem.generateKeyPair();
        StreamingEnvelopes envelopes = new StreamingEnvelopes(kem, 4096);
        EnvelopePipeline largerCustodian = new EnvelopePipeline(envelopes, new EnvelopeStore(root.resolve("other"), 0,
                8, Duration.ofSeconds(30), TestThreads.pool(), TestThreads.pool()), 4 * MAXIMUM);
        for (long size : new long[] {MAXIMUM, MAXIMUM + 256 * 1024}) {
            byte[] recordId = bytes(32);
            EnvelopePipeline.Sealed original = largerCustodian.seal(recordId, patient.publicKey(),
                    new ByteArrayInputStream(bytes((int) size)));
            ByteArrayOutputStream reEncrypted = new ByteArrayOutputStream();
            try (InputStream envelope = Files.newInputStream(root.resolve("other").resolve(original.envelope()
                    .storageKey().substring(0, 2)).resolve(original.envelope().storageKey().substring(2, 4))
                    .resolve(original.envelope().storageKey()))) {
                envelopes.reEncrypt(kem.reEncryptionKey(patient.privateKey(), hospital.publicKey()), envelope,
                        reEncrypted);
            }

            if (size == MAXIMUM) {
                EnvelopePipeline.Sealed kept = pipeline().receive(recordId, original.envelope().sha256(),
                        hospital.privateKey(), new ByteArrayInputStream(reEncrypted.toByteArray()));
                assertEquals(size, kept.plaintextSize());
            } else {
                long stored = storedFiles();
                RecordTooLargeException refused = assertThrows(RecordTooLargeException.class, () -> pipeline()
                        .receive(recordId, original.envelope().sha256(), hospital.privateKey(),
                                new ByteArrayInputStream(reEncrypted.toByteArray())));
                assertTrue(refused.getMessage().contains("custodia.records.max-size-mb"), refused.getMessage());
                assertEquals(stored, storedFiles(), "nothing more was kept");
            }
        }
    }

    /**
     * A record kept from another hospital reads only as the envelope its custodian anchored: one made anew for this
     * hospital's key under the same record id, or made for another key and re-encrypted for this hospital, put in its
     * place with the stored hash to match (as whoever can write the database and the file store could), is refused.
     */
    @Test
    void aReceivedRecordReadsOnlyAsTheEnvelopeItsCustodianAnchored() throws Exception {
        PreKeyPair hospital = kem.generateKeyPair();
        PreKeyPair other = kem.generateKeyPair();
        byte[] recordId = bytes(32);
        String id = HexFormat.of().formatHex(recordId);
        byte[] plaintext = bytes(10_000);
        EnvelopePipeline custodian = new EnvelopePipeline(new StreamingEnvelopes(kem, 4096), new EnvelopeStore(
                root.resolve("other"), 0, 8, Duration.ofSeconds(30), TestThreads.pool(), TestThreads.pool()),
                MAXIMUM);
        EnvelopePipeline.Sealed anchored = custodian.seal(recordId, patient.publicKey(),
                new ByteArrayInputStream(plaintext));
        EnvelopePipeline.Sealed kept = pipeline().receive(recordId, anchored.envelope().sha256(),
                hospital.privateKey(), new ByteArrayInputStream(reEncrypted(anchored, patient, hospital)));

        ByteArrayOutputStream read = new ByteArrayOutputStream();
        pipeline().openReceived(id, kept.envelope().storageKey(), kept.envelope().sha256(),
                anchored.envelope().sha256(), hospital.privateKey(), read);
        assertArrayEquals(plaintext, read.toByteArray());

        // forgeries larger than the decryption's buffer, which releases earlier segments as they authenticate
        int forgedSize = 200_000;
        EnvelopePipeline.Sealed madeAnew = pipeline().seal(recordId, hospital.publicKey(),
                new ByteArrayInputStream(bytes(forgedSize)));
        EnvelopePipeline.Sealed otherKeys = custodian.seal(recordId, other.publicKey(),
                new ByteArrayInputStream(bytes(forgedSize)));
        EnvelopePipeline.Sealed reEncryptedFromOther = pipeline().receive(recordId, otherKeys.envelope().sha256(),
                hospital.privateKey(), new ByteArrayInputStream(reEncrypted(otherKeys, other, hospital)));
        for (EnvelopePipeline.Sealed forged : new EnvelopePipeline.Sealed[] {madeAnew, reEncryptedFromOther}) {
            ByteArrayOutputStream released = new ByteArrayOutputStream();
            RecordIntegrityException refused = assertThrows(RecordIntegrityException.class, () -> pipeline()
                    .openReceived(id, forged.envelope().storageKey(), forged.envelope().sha256(),
                            anchored.envelope().sha256(), hospital.privateKey(), released));
            assertTrue(refused.getMessage().contains(id) && refused.getMessage().contains("refused"),
                    refused.getMessage());
            // before, the comparison came after the last byte: a response carried the forgery whole
            assertTrue(released.size() < forgedSize, released.size() + " bytes released: the last segment too");
        }
    }

    /** {@code sealed}, stored by the custodian's pipeline under "other", re-encrypted from {@code owner} for {@code to}. */
    private byte[] reEncrypted(EnvelopePipeline.Sealed sealed, PreKeyPair owner, PreKeyPair to) throws Exception {
        ByteArrayOutputStream reEncrypted = new ByteArrayOutputStream();
        String key = sealed.envelope().storageKey();
        try (InputStream envelope = Files.newInputStream(root.resolve("other").resolve(key.substring(0, 2))
                .resolve(key.substring(2, 4)).resolve(key))) {
            new StreamingEnvelopes(kem, 4096).reEncrypt(kem.reEncryptionKey(owner.privateKey(), to.publicKey()),
                    envelope, reEncrypted);
        }
        return reEncrypted.toByteArray();
    }

    private long storedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.startsWith(root.resolve("other"))).count();
        }
    }

    private Path envelopeFile(String storageKey) {
        return root.resolve(storageKey.substring(0, 2)).resolve(storageKey.substring(2, 4)).resolve(storageKey);
    }

    private byte[] bytes(int size) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        return data;
    }
}
