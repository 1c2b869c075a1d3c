package org.custodia.filestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeStoreTest {

    @TempDir
    Path root;

    private EnvelopeStore store() {
        return new EnvelopeStore(root, 0);
    }

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void storesContentAddressedAndStreamsBack() throws Exception {
        byte[] envelope = bytes(3 * 1024 * 1024 + 17, 1);
        StoredEnvelope stored = store().store(out -> out.write(envelope));

        byte[] expectedHash = MessageDigest.getInstance("SHA-256").digest(envelope);
        assertArrayEquals(expectedHash, stored.sha256());
        assertEquals(HexFormat.of().formatHex(expectedHash), stored.storageKey());
        assertEquals(envelope.length, stored.size());
        Path file = root.resolve(stored.storageKey().substring(0, 2)).resolve(stored.storageKey().substring(2, 4))
                .resolve(stored.storageKey());
        assertArrayEquals(envelope, Files.readAllBytes(file));
        try (InputStream in = store().open(stored.storageKey(), stored.sha256())) {
            assertArrayEquals(envelope, in.readAllBytes());
        }
        assertEquals(0, temporaryFiles(), "no temporary file is left after a write");
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws Exception {
        EnvelopeStore store = store();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> store.store(out -> {
            out.write(bytes(100_000, 2));
            throw new IllegalStateException("encryption failed half way");
        }));
        assertEquals("encryption failed half way", failure.getMessage());
        assertEquals(0, temporaryFiles());
        try (Stream<Path> files = Files.walk(root)) {
            assertTrue(files.filter(Files::isRegularFile).findAny().isEmpty(), "no envelope stored");
        }
    }

    @Test
    void aModifiedEnvelopeIsDetectedOnRead() throws Exception {
        byte[] envelope = bytes(200_000, 3);
        StoredEnvelope stored = store().store(out -> out.write(envelope));
        Path file = store().pathOf(stored.storageKey());
        byte[] tampered = envelope.clone();
        tampered[150_000] ^= 1;
        Files.write(file, tampered);

        try (InputStream in = store().open(stored.storageKey(), stored.sha256())) {
            EnvelopeCorruptException e = assertThrows(EnvelopeCorruptException.class,
                    () -> in.transferTo(new ByteArrayOutputStream()));
            assertTrue(e.getMessage().contains(stored.storageKey()), e.getMessage());
        }
    }

    @Test
    void aTruncatedEnvelopeIsDetectedOnRead() throws Exception {
        byte[] envelope = bytes(10_000, 4);
        StoredEnvelope stored = store().store(out -> out.write(envelope));
        Files.write(store().pathOf(stored.storageKey()), java.util.Arrays.copyOf(envelope, 9_999));
    }

    @Test
    void aMissingEnvelopeIsATypedError() throws Exception {
        String absent = "ab".repeat(32);
        EnvelopeMissingException e = assertThrows(EnvelopeMissingException.class,
                () -> store().open(absent, new byte[32]));
        assertTrue(e.getMessage().contains(absent), e.getMessage());
        assertFalse(store().contains(absent));
    }

    @Test
    void storageKeysThatCouldEscapeTheRootAreRefused() {
        for (String key : new String[] {"../../etc/passwd", "AB".repeat(32), "ab".repeat(31), null}) {
            assertThrows(IllegalArgumentException.class, () -> store().open(key, new byte[32]), String.valueOf(key));
        }
    }

    @Test
    void aWriteIsRefusedWhenTheDiskIsBelowTheMinimumFreeSpace() throws Exception {
        EnvelopeStore full = new EnvelopeStore(root, Long.MAX_VALUE);
        boolean[] writerCalled = {false};
        FileStoreFullException e = assertThrows(FileStoreFullException.class, () -> full.store(out -> {
            writerCalled[0] = true;
            out.write(1);
        }));
        assertTrue(e.getMessage().contains("custodia.filestore.min-free-mb"), e.getMessage());
        assertFalse(writerCalled[0], "nothing is encrypted when there is no room");
        assertEquals(0, temporaryFiles());
    }

    @Test
    void temporaryFilesOfInterruptedWritesAreRemovedAtStart() throws Exception {
        Path temporary = Files.createDirectories(root.resolve(".tmp"));
        Files.write(temporary.resolve("envelope-123.part"), bytes(10, 5));
        StoredEnvelope kept = store().store(out -> out.write(bytes(10, 6)));

        assertEquals(1, store().removeTemporaryFiles());
        assertEquals(0, temporaryFiles());
        assertTrue(store().contains(kept.storageKey()), "complete envelopes are kept");
    }

    private long temporaryFiles() throws IOException {
        Path temporary = root.resolve(".tmp");
        if (!Files.isDirectory(temporary)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(temporary)) {
            return files.count();
        }
    }
}
