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
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.custodia.testing.TestThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeStoreTest {

    private static final long MIB = 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path root;

    private EnvelopeStore store() {
        return new EnvelopeStore(root, 0, 8, WAIT, TestThreads.pool(), TestThreads.pool());
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

    /**
     * The store's directories cannot be made (here a file stands where one goes: the tests run as root, which
     * permissions would not stop): a typed refusal naming the path, not the file system's bare exception, which the
     * node answered as an internal error.
     */
    @Test
    void aStoreThatCannotBeWrittenSaysSoAndKeepsNothing() throws Exception {
        byte[] envelope = bytes(10_000, 13);
        String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(envelope));
        Files.writeString(root.resolve(key.substring(0, 2)), "not a directory");
        FileStoreUnwritableException shardBlocked = assertThrows(FileStoreUnwritableException.class,
                () -> store().store(out -> out.write(envelope)));
        assertTrue(shardBlocked.getMessage().contains(root.toString()), shardBlocked.getMessage());
        assertEquals(0, temporaryFiles());

        Files.delete(root.resolve(".tmp"));
        Files.writeString(root.resolve(".tmp"), "not a directory");
        assertThrows(FileStoreUnwritableException.class, () -> store().store(out -> out.write(envelope)));
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

    /** An upload's envelope whose record the database refused goes at once; discarding it twice is harmless. */
    @Test
    void aDiscardedEnvelopeIsGone() throws Exception {
        EnvelopeStore store = store();
        StoredEnvelope kept = store.store(out -> out.write(bytes(1_000, 5)));
        StoredEnvelope discarded = store.store(out -> out.write(bytes(1_000, 6)));
        store.discard(discarded.storageKey());
        assertFalse(store.contains(discarded.storageKey()));
        assertThrows(EnvelopeMissingException.class, () -> store.open(discarded.storageKey(), discarded.sha256()));
        store.discard(discarded.storageKey());
        assertTrue(store.contains(kept.storageKey()), "other envelopes stay");
        assertThrows(IllegalArgumentException.class, () -> store.discard("../" + kept.storageKey()));
    }

    @Test
    void storageKeysThatCouldEscapeTheRootAreRefused() {
        for (String key : new String[] {"../../etc/passwd", "AB".repeat(32), "ab".repeat(31), null}) {
            assertThrows(IllegalArgumentException.class, () -> store().open(key, new byte[32]), String.valueOf(key));
        }
    }

    @Test
    void aWriteIsRefusedWhenTheDiskIsBelowTheMinimumFreeSpace() throws Exception {
        EnvelopeStore full = new EnvelopeStore(root, Long.MAX_VALUE, 8, WAIT, TestThreads.pool(), TestThreads.pool());
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

    @Test
    void aWriteThatWouldNotFitBesideTheWritesInProgressIsRefusedAndTheOthersComplete() throws Exception {
        // 10 MiB usable, 1 MiB to keep free, room claimed 4 MiB at a time: two writes fit together, a third does not
        EnvelopeStore store = new EnvelopeStore(root, MIB, 8, WAIT, TestThreads.pool(),
                TestThreads.pool(), 4 * MIB, () -> 10 * MIB);
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch proceed = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<byte[]> contents = List.of(bytes(3 * (int) MIB, 7), bytes(3 * (int) MIB, 8));
            List<Future<StoredEnvelope>> writes = new ArrayList<>();
            for (byte[] content : contents) {
                writes.add(threads.submit(() -> store.store(out -> {
                    started.countDown();
                    awaitOrFail(proceed);
                    out.write(content);
                })));
            }
            awaitOrFail(started);

            boolean[] writerCalled = {false};
            FileStoreFullException refused = assertThrows(FileStoreFullException.class, () -> store.store(out -> {
                writerCalled[0] = true;
                out.write(1);
            }));
            assertTrue(refused.getMessage().contains("8 MB of it claimed by writes in progress"), refused.getMessage());
            assertFalse(writerCalled[0], "nothing is encrypted when there is no room");

            proceed.countDown();
            for (int i = 0; i < contents.size(); i++) {
                StoredEnvelope stored = writes.get(i).get(10, TimeUnit.SECONDS);
                assertArrayEquals(contents.get(i), Files.readAllBytes(store.pathOf(stored.storageKey())));
            }
            assertEquals(0, temporaryFiles(), "nothing partial is left");
        } finally {
            proceed.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void aGrowingWriteIsRefusedMidwayBeforeItWouldTakeTheDiskBelowTheMinimum() throws Exception {
        // 10 MiB usable less what the store holds, 1 MiB to keep free, room claimed 1 MiB at a time
        EnvelopeStore store = new EnvelopeStore(root, MIB, 8, WAIT, TestThreads.pool(),
                TestThreads.pool(), MIB, () -> 10 * MIB - bytesUnder(root));
        byte[] piece = bytes(64 * 1024, 9);
        long[] written = {0};
        assertThrows(FileStoreFullException.class, () -> store.store(out -> {
            for (int i = 0; i < 20 * MIB / piece.length; i++) {
                out.write(piece);
                written[0] += piece.length;
            }
        }));
        assertTrue(written[0] > MIB, "refused as the write grew, not at its start: " + written[0]);
        assertTrue(written[0] <= 9 * MIB, "refused before the disk went below the minimum: " + written[0]);
        assertEquals(0, temporaryFiles(), "the partial envelope is deleted");
        assertNoEnvelopeStored();
    }

    @Test
    void aWriterFailingMidwayLeavesNoTemporaryFileAndGivesBackItsRoomAndItsSlot() throws Exception {
        // room for one chunk beyond the minimum, one write at a time, no waiting: a leak would refuse the next write
        EnvelopeStore store = new EnvelopeStore(root, MIB, 1, Duration.ZERO, TestThreads.pool(),
                TestThreads.pool(), MIB, () -> 2 * MIB);
        byte[] piece = bytes(64 * 1024, 10);
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> store.store(out -> {
            for (int i = 0; i < 24; i++) {
                out.write(piece);
            }
            throw new IllegalStateException("encryption failed after 1.5 MiB");
        }));
        assertEquals("encryption failed after 1.5 MiB", failure.getMessage());
        assertEquals(0, temporaryFiles());
        assertNoEnvelopeStored();

        StoredEnvelope next = store.store(out -> out.write(bytes(10, 11)));
        assertTrue(store.contains(next.storageKey()));
    }

    /**
     * Near the minimum, a writer's own failure is its own, not "storage full": a received envelope that does not
     * check must be told as such (an integrity failure), and an upload cut short as what it is.
     */
    @Test
    void aWritersOwnFailureNearTheMinimumIsNotTakenForAFullDisk() throws Exception {
        // 1 MiB beyond the 10 MiB to keep free, claimed 1 MiB at a time: the write's 512 KiB lie within its room
        EnvelopeStore store = new EnvelopeStore(root, 10 * MIB, 1, WAIT, TestThreads.pool(),
                TestThreads.pool(), MIB, () -> 11 * MIB - bytesUnder(root));
        class EnvelopeDoesNotCheck extends IOException {
            EnvelopeDoesNotCheck() {
                super("the received envelope is not the one anchored");
            }
        }

        assertThrows(EnvelopeDoesNotCheck.class, () -> store.store(out -> {
            out.write(bytes(512 * 1024, 12));
            out.flush();
            throw new EnvelopeDoesNotCheck();
        }));
        assertEquals(0, temporaryFiles());
    }

    /**
     * Below the minimum even once the write's room is given back (something else filled the disk meanwhile), a
     * writer's own failure is still its own: it was taken for a full disk, so a proxy's envelope that did not check
     * was reported and audited as "storage full", hiding the integrity failure. A failure of the store's own writing
     * there is the full disk.
     */
    @Test
    void aWritersOwnFailureIsItsOwnWhenTheDiskFilledUpBesideIt() throws Exception {
        boolean[] filledBeside = {false};
        EnvelopeStore store = new EnvelopeStore(root, 10 * MIB, 1, WAIT, TestThreads.pool(), TestThreads.pool(), MIB,
                () -> (filledBeside[0] ? 9 * MIB : 11 * MIB) - bytesUnder(root));
        class EnvelopeDoesNotCheck extends IOException {
            EnvelopeDoesNotCheck() {
                super("the received envelope is not the one anchored");
            }
        }

        assertThrows(EnvelopeDoesNotCheck.class, () -> store.store(out -> {
            out.write(bytes(512 * 1024, 13));
            out.flush();
            filledBeside[0] = true;
            throw new EnvelopeDoesNotCheck();
        }));
        assertEquals(0, temporaryFiles());

        filledBeside[0] = false;
        assertThrows(FileStoreFullException.class, () -> store.store(out -> {
            out.write(bytes(512 * 1024, 14));
            filledBeside[0] = true;
            out.write(bytes(1024 * 1024, 15));
        }), "the store's own writing refused: the disk is full");
        assertEquals(0, temporaryFiles());
    }

    @Test
    void aWriteBeyondTheLimitIsRefusedAsBusyAfterItsWait() throws Exception {
        Duration wait = Duration.ofMillis(200);
        EnvelopeStore store = new EnvelopeStore(root, 0, 2, wait, TestThreads.pool(), TestThreads.pool());
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<StoredEnvelope>> holding = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                byte[] content = bytes(100, 20 + i);
                holding.add(threads.submit(() -> store.store(out -> {
                    started.countDown();
                    awaitOrFail(finish);
                    out.write(content);
                })));
            }
            awaitOrFail(started);

            boolean[] writerCalled = {false};
            long before = System.nanoTime();
            FileStoreBusyException busy = assertThrows(FileStoreBusyException.class, () -> store.store(out -> {
                writerCalled[0] = true;
                out.write(1);
            }));
            assertTrue(System.nanoTime() - before >= wait.toNanos(), "waited for a slot before giving up");
            assertFalse(writerCalled[0]);
            assertTrue(busy.getMessage().contains("custodia.filestore.max-concurrent-writes"), busy.getMessage());
            assertEquals(wait, busy.retryAfter());

            finish.countDown();
            for (Future<StoredEnvelope> write : holding) {
                assertTrue(store.contains(write.get(10, TimeUnit.SECONDS).storageKey()));
            }
            assertEquals(0, temporaryFiles());
        } finally {
            finish.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void aWriteWaitingForASlotProceedsWhenOneFrees() throws Exception {
        EnvelopeStore store = new EnvelopeStore(root, 0, 2, WAIT, TestThreads.pool(), TestThreads.pool());
        byte[] first = bytes(100, 30);
        String firstKey = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first));
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch finishFirst = new CountDownLatch(1);
        CountDownLatch finishSecond = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Future<StoredEnvelope> firstWrite = threads.submit(() -> store.store(out -> {
                started.countDown();
                awaitOrFail(finishFirst);
                out.write(first);
            }));
            Future<StoredEnvelope> secondWrite = threads.submit(() -> store.store(out -> {
                started.countDown();
                awaitOrFail(finishSecond);
                out.write(bytes(100, 31));
            }));
            awaitOrFail(started);

            boolean[] firstStoredWhenThirdRan = {false};
            Future<StoredEnvelope> thirdWrite = threads.submit(() -> store.store(out -> {
                firstStoredWhenThirdRan[0] = store.contains(firstKey);
                out.write(bytes(100, 32));
            }));
            finishFirst.countDown();

            assertTrue(store.contains(thirdWrite.get(10, TimeUnit.SECONDS).storageKey()));
            assertTrue(firstStoredWhenThirdRan[0], "the third write ran only once the first one had finished");
            assertEquals(firstKey, firstWrite.get(10, TimeUnit.SECONDS).storageKey());
            finishSecond.countDown();
            assertTrue(store.contains(secondWrite.get(10, TimeUnit.SECONDS).storageKey()));
        } finally {
            finishFirst.countDown();
            finishSecond.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void theSweepSetsAsideOldEnvelopesNothingRefersToAskingInBatches() throws Exception {
        EnvelopeStore store = store();
        Instant cutoff = Instant.now().minus(Duration.ofHours(24));
        FileTime old = FileTime.from(cutoff.minus(Duration.ofHours(1)));
        List<String> keys = oldEnvelopes(store, cutoff, 1000, 1200);
        Set<String> referenced = Stream.iterate(0, i -> i + 2).limit(600).map(keys::get).collect(Collectors.toSet());
        String young = HexFormat.of().formatHex(bytes(32, 5000));
        envelopeFile(store, young);
        Path misplaced = Files.createDirectories(root.resolve("00").resolve("00")).resolve("ff".repeat(32));
        Files.setLastModifiedTime(Files.write(misplaced, new byte[] {1}), old);
        Path temporary = Files.createDirectories(root.resolve(".tmp")).resolve("envelope-1.part");
        Files.setLastModifiedTime(Files.write(temporary, new byte[] {1}), old);

        List<Integer> batches = new ArrayList<>();
        int setAside = store.setAsideOrphans(cutoff, 600, asked -> {
            batches.add(asked.size());
            return asked.stream().filter(referenced::contains).collect(Collectors.toSet());
        });

        assertEquals(600, setAside);
        assertEquals(1200, batches.stream().mapToInt(Integer::intValue).sum(), "every old envelope was asked about");
        assertTrue(batches.size() >= 3 && batches.stream().allMatch(size -> size <= 500), batches.toString());
        for (String key : keys) {
            assertEquals(referenced.contains(key), store.contains(key), key);
            assertEquals(!referenced.contains(key), Files.isRegularFile(store.orphanFolder().resolve(key)),
                    "an orphan is kept under its key in the folder set aside: " + key);
        }
        assertTrue(store.contains(young), "a young envelope is never touched");
        assertTrue(Files.exists(misplaced), "a file the store did not put there is left alone");
        assertTrue(Files.exists(temporary), "temporary files are removeTemporaryFiles' business");
    }

    @Test
    void anOrphanSetAsideAgainReplacesItsEarlierCopy() throws Exception {
        EnvelopeStore store = store();
        Instant cutoff = Instant.now().minus(Duration.ofHours(24));
        String key = oldEnvelopes(store, cutoff, 7000, 1).get(0);
        assertEquals(1, store.setAsideOrphans(cutoff, 1, asked -> Set.of()));
        oldEnvelopes(store, cutoff, 7000, 1);  // restored under its key once more, as from a backup of the store

        assertEquals(1, store.setAsideOrphans(cutoff, 1, asked -> Set.of()));

        assertFalse(store.contains(key));
        try (Stream<Path> setAside = Files.list(store.orphanFolder())) {
            assertEquals(List.of(store.orphanFolder().resolve(key)), setAside.toList());
        }
    }

    /**
     * A retried retrieval stores the same bytes again (re-encryption is deterministic) while the sweep is about to
     * set aside the old copy of its earlier, failed attempt: the new copy is published after the move, or seen young
     * and left. Before, the sweep could move the copy just published, and the record committed next pointed at
     * nothing.
     */
    @Test
    void anEnvelopeStoredAgainWhileTheSweepSetsItAsideStaysInTheStore() throws Exception {
        EnvelopeStore store = store();
        byte[] envelope = bytes(4096, 11);
        String key = store.store(out -> out.write(envelope)).storageKey();
        Instant cutoff = Instant.now().minus(Duration.ofHours(24));
        Files.setLastModifiedTime(store.pathOf(key), FileTime.from(cutoff.minus(Duration.ofHours(1))));
        ExecutorService retry = Executors.newSingleThreadExecutor();
        List<Future<StoredEnvelope>> storedAgain = new ArrayList<>();
        store.beforeEachMove(() -> {
            storedAgain.add(retry.submit(() -> store.store(out -> out.write(envelope))));
            try {
                // the sweep holds the key now: the write must wait for it (without the key held, it is done)
                storedAgain.get(0).get(2, TimeUnit.SECONDS);
            } catch (TimeoutException expected) {
                // waiting for the move
            } catch (InterruptedException | ExecutionException e) {
                throw new AssertionError(e);
            }
        });
        try {
            assertEquals(1, store.setAsideOrphans(cutoff, 1, asked -> Set.of()));
            assertEquals(key, storedAgain.get(0).get(10, TimeUnit.SECONDS).storageKey());
        } finally {
            retry.shutdownNow();
        }

        assertTrue(store.contains(key), "the copy stored again is in the store");
        assertTrue(Files.isRegularFile(store.orphanFolder().resolve(key)), "the old one was set aside");
    }

    @Test
    void theSweepOfAStoreNotCreatedYetFindsNothing() throws Exception {
        EnvelopeStore absent = new EnvelopeStore(root.resolve("absent"), 0, 8, WAIT, TestThreads.pool(),
                TestThreads.pool());
        assertEquals(0, absent.setAsideOrphans(Instant.now(), 0, asked -> {
            throw new AssertionError("nothing to ask about");
        }));
    }

    @Test
    void theSweepMovesNoneWhenItFindsMoreOrphansThanTheLimitAndSaysHowMany() throws Exception {
        EnvelopeStore store = store();
        Instant cutoff = Instant.now().minus(Duration.ofHours(24));
        int limit = 5;
        List<String> orphans = oldEnvelopes(store, cutoff, 100, limit + 1);

        TooManyOrphansException e = assertThrows(TooManyOrphansException.class,
                () -> store.setAsideOrphans(cutoff, limit, asked -> Set.of()));

        assertTrue(e.getMessage().contains("found at least 6 envelopes"), e.getMessage());
        assertTrue(e.getMessage().contains("custodia.filestore.orphan-sweep-limit (5)"), e.getMessage());
        assertTrue(e.getMessage().contains("backup") && e.getMessage().contains("custodia.filestore.dir"),
                e.getMessage());
        for (String key : orphans) {
            assertTrue(store.contains(key), key);
        }
    }

    @Test
    void theSweepStopsLookingOnceItFoundMoreOrphansThanTheLimit() throws Exception {
        EnvelopeStore store = store();
        Instant cutoff = Instant.now().minus(Duration.ofHours(24));
        List<String> orphans = oldEnvelopes(store, cutoff, 100, 600);
        List<Integer> batches = new ArrayList<>();

        TooManyOrphansException e = assertThrows(TooManyOrphansException.class,
                () -> store.setAsideOrphans(cutoff, 3, asked -> {
                    batches.add(asked.size());
                    return Set.of();
                }));

        assertEquals(List.of(500), batches, "nothing asked about after the batch that went past the limit");
        assertTrue(e.getMessage().contains("found at least 500 envelopes"), e.getMessage());
        for (String key : orphans) {
            assertTrue(store.contains(key), key);
        }
    }

    @Test
    void theSweepSetsAsideAsManyOrphansAsTheLimitCountingNeitherReferencedNorYoungEnvelopes() throws Exception {
        EnvelopeStore store = store();
        Instant cutoff = Instant.now().minus(Duration.ofHours(24));
        int limit = 5;
        List<String> orphans = oldEnvelopes(store, cutoff, 100, limit);
        List<String> referenced = oldEnvelopes(store, cutoff, 200, 20);
        List<String> young = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String key = HexFormat.of().formatHex(bytes(32, 300 + i));
            envelopeFile(store, key);
            young.add(key);
        }

        int setAside = store.setAsideOrphans(cutoff, limit,
                asked -> asked.stream().filter(referenced::contains).collect(Collectors.toSet()));

        assertEquals(limit, setAside);
        for (String key : orphans) {
            assertFalse(store.contains(key), key);
        }
        for (String key : referenced) {
            assertTrue(store.contains(key), "referenced: " + key);
        }
        for (String key : young) {
            assertTrue(store.contains(key), "young: " + key);
        }
    }

    /** Envelope files under the keys made of {@code count} seeds from {@code firstSeed}, older than {@code cutoff}. */
    private static List<String> oldEnvelopes(EnvelopeStore store, Instant cutoff, int firstSeed, int count)
            throws IOException {
        FileTime old = FileTime.from(cutoff.minus(Duration.ofHours(1)));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = HexFormat.of().formatHex(bytes(32, firstSeed + i));
            Files.setLastModifiedTime(envelopeFile(store, key), old);
            keys.add(key);
        }
        return keys;
    }

    /** An envelope file under the key, as the store would place it (its content does not matter to the sweep). */
    private static Path envelopeFile(EnvelopeStore store, String key) throws IOException {
        Path file = store.pathOf(key);
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[] {1});
    }

    private static void awaitOrFail(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(10, TimeUnit.SECONDS), "timed out waiting for the other writes");
    }

    private static long bytesUnder(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private void assertNoEnvelopeStored() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            assertTrue(files.filter(Files::isRegularFile).findAny().isEmpty(), "no envelope stored");
        }
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
