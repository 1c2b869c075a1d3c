package org.custodia.filestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.custodia.testing.TestThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashBehindFileTest {

    private static final String KEY = "ab".repeat(32);
    private static final int LARGE = 3 * HashBehindFile.BUFFER_SIZE * HashBehindFile.BUFFERS + 12_345;

    @TempDir
    Path root;

    private final AtomicInteger tasks = new AtomicInteger();
    /** Counts the tasks it runs, on the tests' daemon threads. */
    private final Executor counting = task -> {
        tasks.incrementAndGet();
        TestThreads.pool().execute(task);
    };
    /** Has no thread free, ever. */
    private final Executor refusing = task -> {
        throw new RejectedExecutionException("no thread free");
    };

    @Test
    void aLargeFileIsReadWholeAndHashedBehindTheReader() throws Exception {
        byte[] content = bytes(LARGE, 1);
        Path file = write(content);
        for (int chunk : new int[] {1, 4096, 100_000, HashBehindFile.BUFFER_SIZE + 7}) {
            try (InputStream in = new HashBehindFile(file, KEY, EnvelopeStore.sha256().digest(content), counting)) {
                assertArrayEquals(content, readAll(in, chunk));
                assertEquals(-1, in.read(), "the end stays the end");
            }
        }
        assertEquals(4, tasks.get(), "one task per read larger than a buffer");
    }

    @Test
    void whatFitsInOneBufferIsHashedByTheReader() throws Exception {
        byte[] content = bytes(HashBehindFile.BUFFER_SIZE, 2);
        Path file = write(content);
        try (InputStream in = new HashBehindFile(file, KEY, EnvelopeStore.sha256().digest(content), counting)) {
            assertArrayEquals(content, in.readAllBytes());
        }
        assertEquals(0, tasks.get());
    }

    @Test
    void aModifiedByteAnywhereFailsTheReadThatReachesTheEnd() throws Exception {
        byte[] content = bytes(LARGE, 3);
        byte[] sha256 = EnvelopeStore.sha256().digest(content);
        for (int at : new int[] {0, HashBehindFile.BUFFER_SIZE + 1, LARGE / 2, LARGE - 1}) {
            for (Executor hashing : new Executor[] {counting, refusing}) {
                byte[] modified = content.clone();
                modified[at] ^= 1;
                Path file = write(modified);
                try (InputStream in = new HashBehindFile(file, KEY, sha256, hashing)) {
                    EnvelopeCorruptException e = assertThrows(EnvelopeCorruptException.class,
                            () -> in.transferTo(new ByteArrayOutputStream()));
                    assertTrue(e.getMessage().contains(KEY), e.getMessage());
                }
            }
        }
    }

    @Test
    void aTruncatedOrExtendedFileFails() throws Exception {
        byte[] content = bytes(LARGE, 4);
        byte[] sha256 = EnvelopeStore.sha256().digest(content);
        for (byte[] changed : new byte[][] {java.util.Arrays.copyOf(content, LARGE - 1),
                java.util.Arrays.copyOf(content, LARGE + 1)}) {
            Path file = write(changed);
            try (InputStream in = new HashBehindFile(file, KEY, sha256, counting)) {
                assertThrows(EnvelopeCorruptException.class, () -> in.transferTo(new ByteArrayOutputStream()));
            }
        }
    }

    @Test
    void withNoThreadFreeTheReaderHashesItself() throws Exception {
        byte[] content = bytes(LARGE, 5);
        Path file = write(content);
        try (InputStream in = new HashBehindFile(file, KEY, EnvelopeStore.sha256().digest(content), refusing)) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    @Test
    void aHashingThreadThatStartsLateOnlyDelaysTheReader() throws Exception {
        byte[] content = bytes(LARGE, 6);
        Path file = write(content);
        Executor late = task -> TestThreads.pool().execute(() -> {
            sleep(300);
            task.run();
        });
        try (InputStream in = new HashBehindFile(file, KEY, EnvelopeStore.sha256().digest(content), late)) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    @Test
    void closingBeforeTheEndEndsTheHashingAndChecksNothing() throws Exception {
        byte[] content = bytes(LARGE, 7);
        Path file = write(content);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            InputStream in = new HashBehindFile(file, KEY, new byte[32], counting);
            assertEquals(3 * HashBehindFile.BUFFER_SIZE, in.readNBytes(3 * HashBehindFile.BUFFER_SIZE).length);
            in.close();
            assertThrows(IOException.class, in::read, "a closed file is not read");
            in.close();
        });
        assertEquals(1, tasks.get());
    }

    @Test
    void aReadAfterAFailedOneFailsAgainNeverEndsQuietly() throws Exception {
        byte[] content = bytes(LARGE, 8);
        byte[] modified = content.clone();
        modified[LARGE - 2] ^= 1;
        Path file = write(modified);
        try (InputStream in = new HashBehindFile(file, KEY, EnvelopeStore.sha256().digest(content), counting)) {
            assertThrows(EnvelopeCorruptException.class, () -> in.transferTo(new ByteArrayOutputStream()));
            assertThrows(EnvelopeCorruptException.class, in::read);
            assertThrows(EnvelopeCorruptException.class, () -> in.read(new byte[10], 0, 10));
        }
    }

    @Test
    void readsAfterClosingFailAtOnce() throws Exception {
        byte[] content = bytes(LARGE, 9);
        Path file = write(content);
        for (Executor hashing : new Executor[] {counting, refusing}) {
            InputStream in = new HashBehindFile(file, KEY, EnvelopeStore.sha256().digest(content), hashing);
            in.readNBytes(HashBehindFile.BUFFER_SIZE + 10);
            in.close();
            in.close();
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int i = 0; i < 2 * HashBehindFile.BUFFERS; i++) {
                    assertThrows(IOException.class, in::read);
                }
            });
        }
    }

    @Test
    void aHashingThreadThatCannotBeHadLeavesTheHashingToTheReader() throws Exception {
        byte[] content = bytes(LARGE, 10);
        Path file = write(content);
        Executor failing = task -> {
            throw new IllegalStateException("the application is stopping");
        };
        try (InputStream in = new HashBehindFile(file, KEY, EnvelopeStore.sha256().digest(content), failing)) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    @Test
    void anInterruptedHashingThreadFailsTheReadInsteadOfHangingOrPassing() throws Exception {
        byte[] content = bytes(LARGE, 11);
        Path file = write(content);
        Executor interrupted = task -> {
            Thread thread = new Thread(task, "test-hashing");
            thread.setDaemon(true);
            thread.start();
            thread.interrupt(); // as the file store's shutdownNow() does when the application stops
        };
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (InputStream in = new HashBehindFile(file, KEY, EnvelopeStore.sha256().digest(content),
                    interrupted)) {
                IOException e = assertThrows(IOException.class, () -> in.transferTo(new ByteArrayOutputStream()));
                assertTrue(e.getMessage().contains(KEY), e.getMessage());
            }
        });
    }

    @Test
    void anEmptyFileMatchesTheHashOfNothing() throws Exception {
        Path file = write(new byte[0]);
        try (InputStream in = new HashBehindFile(file, KEY, EnvelopeStore.sha256().digest(), counting)) {
            assertEquals(-1, in.read());
        }
        try (InputStream in = new HashBehindFile(file, KEY, new byte[32], counting)) {
            assertThrows(EnvelopeCorruptException.class, in::read);
        }
    }

    @Test
    void aMissingFileIsRefusedOnOpening() {
        assertThrows(NoSuchFileException.class,
                () -> new HashBehindFile(root.resolve("absent"), KEY, new byte[32], counting));
    }

    private Path write(byte[] content) throws IOException {
        Path file = Files.createTempFile(root, "envelope-", ".bin");
        Files.write(file, content);
        return file;
    }

    private static byte[] readAll(InputStream in, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[chunk];
        int n;
        while ((n = in.read(buffer, 0, chunk)) != -1) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
