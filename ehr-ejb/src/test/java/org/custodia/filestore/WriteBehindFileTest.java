package org.custodia.filestore;

import static org.custodia.filestore.WriteBehindFile.BUFFERS;
import static org.custodia.filestore.WriteBehindFile.BUFFER_SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

import org.custodia.testing.TestThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WriteBehindFileTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private final AtomicInteger tasks = new AtomicInteger();
    private final Executor counting = task -> {
        tasks.incrementAndGet();
        TestThreads.pool().execute(task);
    };

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, BUFFER_SIZE - 1, BUFFER_SIZE, BUFFER_SIZE + 1, BUFFERS * BUFFER_SIZE,
            7 * BUFFER_SIZE + 17})
    void theFileAndItsHashAreExactlyWhatWasWrittenInWritesOfAnySize(int size) throws Exception {
        byte[] data = bytes(size, size);
        Path file = directory.resolve("envelope");
        byte[] hash;
        try (WriteBehindFile out = new WriteBehindFile(file, counting, WAIT)) {
            Random chunks = new Random(size);
            int offset = 0;
            while (offset < size) {
                int n = Math.min(size - offset, chunks.nextInt(3 * BUFFER_SIZE / 2) + 1);
                out.write(data, offset, n);
                offset += n;
            }
            hash = out.finish();
        }
        assertArrayEquals(data, Files.readAllBytes(file));
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), hash);
        assertEquals(size > BUFFER_SIZE ? 2 : 0, tasks.get(), "copying and hashing behind only beyond one buffer");
    }

    @Test
    void aWriteLongEnoughToBeForcedOnTheWayIsStillExactlyWhatWasWritten() throws Exception {
        byte[] data = bytes((int) (2 * WriteBehindFile.FORCE_EVERY + 12_345), 5);
        Path file = directory.resolve("envelope");
        byte[] hash;
        try (WriteBehindFile out = new WriteBehindFile(file, counting, WAIT)) {
            for (int offset = 0; offset < data.length; offset += 100_000) {
                out.write(data, offset, Math.min(100_000, data.length - offset));
            }
            hash = out.finish();
        }
        assertArrayEquals(data, Files.readAllBytes(file));
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), hash);
    }

    @Test
    void singleBytesAndArraysMixAsWritten() throws Exception {
        byte[] data = bytes(2 * BUFFER_SIZE + 3, 7);
        Path file = directory.resolve("envelope");
        try (WriteBehindFile out = new WriteBehindFile(file, counting, WAIT)) {
            out.write(data[0]);
            out.write(data, 1, BUFFER_SIZE);
            out.write(data[BUFFER_SIZE + 1]);
            out.write(data, BUFFER_SIZE + 2, data.length - BUFFER_SIZE - 2);
            out.finish();
        }
        assertArrayEquals(data, Files.readAllBytes(file));
    }

    @Test
    void aFlushReturnsWithEverythingWrittenSoFarInTheFileAndTheHashSpansTheSwitchToTheBackground() throws Exception {
        byte[] data = bytes(3 * BUFFER_SIZE + 106, 11);
        Path file = directory.resolve("envelope");
        byte[] hash;
        try (WriteBehindFile out = new WriteBehindFile(file, counting, WAIT)) {
            out.write(data, 0, 100);
            out.flush();
            assertArrayEquals(Arrays.copyOf(data, 100), Files.readAllBytes(file), "written on the caller's thread");
            assertEquals(0, tasks.get());
            out.write(data, 100, 3 * BUFFER_SIZE + 5);
            out.flush();
            assertEquals(2, tasks.get());
            assertArrayEquals(Arrays.copyOf(data, 3 * BUFFER_SIZE + 105), Files.readAllBytes(file));
            out.write(data, 3 * BUFFER_SIZE + 105, 1);
            hash = out.finish();
        }
        assertArrayEquals(data, Files.readAllBytes(file));
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), hash);
    }

    @Test
    void aCallerAheadOfTheDiskWaitsWithNoMoreThanTheBuffersInHand() throws Exception {
        callerGoesAheadByItsBuffersOnly(task -> true, 3 * BUFFERS, "and no further while the disk is busy");
    }

    /** The copying task is the first started; the hashing task, done with every buffer, gives none back alone. */
    @Test
    void aBufferComesBackOnlyWhenBothTasksAreDoneWithIt() throws Exception {
        callerGoesAheadByItsBuffersOnly(task -> task == 0, 2 * BUFFERS, "and no further while only hashing goes on");
    }

    /**
     * Writes {@code buffers} full buffers on another thread while the background tasks {@code heldBack} picks (by
     * the order they were submitted in) wait: the caller gets no further than its own buffers; once they go on,
     * everything is in the file and in the hash.
     */
    private void callerGoesAheadByItsBuffersOnly(IntPredicate heldBack, int buffers, String stopped)
            throws Exception {
        CountDownLatch goOn = new CountDownLatch(1);
        AtomicInteger submitted = new AtomicInteger();
        Executor holding = task -> {
            boolean hold = heldBack.test(submitted.getAndIncrement());
            TestThreads.pool().execute(() -> {
                try {
                    if (hold) {
                        goOn.await();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                task.run();
            });
        };
        Path file = directory.resolve("envelope");
        AtomicLong accepted = new AtomicLong();
        byte[] buffer = bytes(BUFFER_SIZE, buffers);
        ExecutorService caller = Executors.newSingleThreadExecutor(TestThreads.daemons());
        WriteBehindFile out = new WriteBehindFile(file, holding, WAIT);
        Future<byte[]> written = caller.submit(() -> {
            for (int i = 0; i < buffers; i++) {
                out.write(buffer);
                accepted.addAndGet(buffer.length);
            }
            return out.finish();
        });
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (accepted.get() < (long) BUFFERS * BUFFER_SIZE && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals((long) BUFFERS * BUFFER_SIZE, accepted.get(), "the caller goes ahead by its buffers");
            Thread.sleep(200);
            assertEquals((long) BUFFERS * BUFFER_SIZE, accepted.get(), stopped);
        } finally {
            goOn.countDown();
        }
        byte[] hash = written.get(30, TimeUnit.SECONDS);
        out.close();
        caller.shutdown();
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < buffers; i++) {
            expected.update(buffer);
        }
        assertArrayEquals(expected.digest(), hash);
        assertEquals((long) buffers * BUFFER_SIZE, Files.size(file));
    }

    @Test
    void aBackgroundThreadInterruptedBeforeItsFirstBufferFailsTheWriteAndTheCloseStillReturns() throws Exception {
        Executor interrupted = task -> TestThreads.pool().execute(() -> {
            Thread.currentThread().interrupt();
            task.run();
        });
        Path file = directory.resolve("envelope");
        WriteBehindFile out = new WriteBehindFile(file, interrupted, WAIT);
        IOException failure = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 4 * BUFFERS; i++) {
                out.write(new byte[BUFFER_SIZE]);
            }
            out.finish();
        });
        assertTrue(failure.getMessage().contains("interrupted"), failure.getMessage());
        out.close();
        Files.delete(file);
    }

    @Test
    void aFailingDiskWriteReachesTheCallerWhoGetsItsBuffersBackAndTheCloseReturns() throws Exception {
        Path full = Path.of("/dev/full"); // every write fails with "no space left on device"
        assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");
        WriteBehindFile out = new WriteBehindFile(full, counting, WAIT);
        IOException failure = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 4 * BUFFERS; i++) {
                out.write(new byte[BUFFER_SIZE]);
            }
            out.finish();
        });
        assertEquals(2, tasks.get(), "the failure was the background's");
        assertTrue(failure.getMessage().startsWith("writing " + full + " failed"), failure.getMessage());
        assertThrows(IOException.class, () -> out.write(1), "a failed write refuses more");
        out.close();
    }

    @Test
    void aBackgroundTaskThatNeverStartsFailsTheWriteAfterTheStartWaitAndTheCloseReturns() throws Exception {
        Executor stranded = task -> { };
        Path file = directory.resolve("envelope");
        WriteBehindFile out = new WriteBehindFile(file, stranded, Duration.ofMillis(300));
        IOException failure = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 4 * BUFFERS; i++) {
                out.write(new byte[BUFFER_SIZE]);
            }
        });
        assertTrue(failure.getMessage().contains("no thread started"), failure.getMessage());
        out.close();
        Files.delete(file);
    }

    @Test
    void aRefusedBackgroundTaskIsAnIOException() throws Exception {
        Executor refusing = task -> {
            throw new RejectedExecutionException("shut down");
        };
        Path file = directory.resolve("envelope");
        try (WriteBehindFile out = new WriteBehindFile(file, refusing, WAIT)) {
            out.write(new byte[BUFFER_SIZE]);
            IOException failure = assertThrows(IOException.class, () -> out.write(new byte[1]));
            assertTrue(failure.getMessage().contains("shutting down"), failure.getMessage());
        }
    }

    /** The copying task already runs when the hashing task is refused: the close still ends it. */
    @Test
    void aSecondTaskRefusedFailsTheWriteAndTheCloseEndsTheFirst() throws Exception {
        AtomicInteger submitted = new AtomicInteger();
        CountDownLatch firstEnded = new CountDownLatch(1);
        Executor refusingTheSecond = task -> {
            if (submitted.getAndIncrement() > 0) {
                throw new RejectedExecutionException("shut down");
            }
            TestThreads.pool().execute(() -> {
                task.run();
                firstEnded.countDown();
            });
        };
        Path file = directory.resolve("envelope");
        WriteBehindFile out = new WriteBehindFile(file, refusingTheSecond, WAIT);
        out.write(new byte[BUFFER_SIZE]);
        IOException failure = assertThrows(IOException.class, () -> out.write(new byte[1]));
        assertTrue(failure.getMessage().contains("shutting down"), failure.getMessage());
        assertThrows(IOException.class, () -> out.write(1), "a failed write refuses more");
        assertTimeoutPreemptively(WAIT, out::close, "the close waits for the refused task as if it had ended");
        assertTrue(firstEnded.await(30, TimeUnit.SECONDS), "the copying task ended with the close");
        Files.delete(file);
    }

    @Test
    void aClosedWriteRefusesMoreAndFinishing() throws Exception {
        Path file = directory.resolve("envelope");
        WriteBehindFile out = new WriteBehindFile(file, counting, WAIT);
        out.write(new byte[2 * BUFFER_SIZE]);
        out.close();
        assertThrows(IOException.class, () -> out.write(1));
        assertThrows(IOException.class, out::finish);
        Files.delete(file);
    }
}
