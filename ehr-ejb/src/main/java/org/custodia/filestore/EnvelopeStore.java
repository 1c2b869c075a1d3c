package org.custodia.filestore;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

import org.custodia.kernel.AtomicFiles;

/**
 * The hospital's file server: encrypted record envelopes stored content-addressed under a root directory, as
 * {@code <root>/<hh>/<hh>/<sha-256 hex>} where {@code hh} are the first two hash bytes. Only envelopes are
 * written here, never plaintext.
 *
 * <p>A write streams into a temporary file under {@code <root>/.tmp} while hashing (each on a thread of its own once
 * the envelope outgrows a buffer, see {@link WriteBehindFile}), forces it to disk and renames it into place
 * atomically, so a crash leaves either the complete envelope under its name or a temporary file
 * that {@link #removeTemporaryFiles()} deletes at the next start; the directories on the way are made durable too
 * (see {@code DurableDirectories}). Reads are streamed and can be verified against the expected hash. Thread-safe.
 *
 * <p>Writes are bounded: at most a configured number run at once (one more waits a bounded time for a slot), and
 * each claims free space a chunk at a time as it grows, so that writes running together never take the disk below
 * the minimum free space.
 */
public final class EnvelopeStore {

    /** What writes an envelope into the store's output stream. */
    @FunctionalInterface
    public interface EnvelopeWriter<E extends Exception> {
        void writeTo(OutputStream envelope) throws IOException, E;
    }

    /** Which of some storage keys something (a record) refers to. */
    @FunctionalInterface
    public interface References {
        Set<String> referencedAmong(List<String> storageKeys);
    }

    /** How much free space a write claims at a time. */
    static final long RESERVATION_CHUNK = 32L * 1024 * 1024;

    private static final Pattern STORAGE_KEY = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern KEY_DIRECTORY = Pattern.compile("[0-9a-f]{2}");
    private static final String TEMPORARY = ".tmp";
    private static final String SET_ASIDE = ".orphaned";
    private static final int SWEEP_BATCH = 500;
    /** A write whose background threads have not started by then fails rather than wait for any that may never come. */
    private static final Duration BACKGROUND_START_WAIT = Duration.ofSeconds(30);

    private final Path root;
    private final SpaceReservations space;
    private final WriteSlots slots;
    private final Executor background;
    private final Executor readBehind;
    private final DurableDirectories directories;
    private final Object[] keyLocks = new Object[64];
    private volatile Runnable beforeMove = () -> {
    };

    /**
     * @param root                the store's directory, created if missing
     * @param minimumFreeBytes    a write is refused when less than this would remain free
     * @param maxConcurrentWrites how many writes may run at once
     * @param writeWait           how long a write beyond that waits for a slot before it is refused
     * @param background          runs the copying and the hashing behind each write larger than a buffer (two tasks
     *                            per such write while it runs: at most twice {@code maxConcurrentWrites} at once)
     * @param readBehind          runs the hashing behind each read larger than a buffer; when it refuses the task (no
     *                            thread free), the reader hashes on its own thread
     */
    public EnvelopeStore(Path root, long minimumFreeBytes, int maxConcurrentWrites, Duration writeWait,
                         Executor background, Executor readBehind) {
        this(root, minimumFreeBytes, maxConcurrentWrites, writeWait, background, readBehind, RESERVATION_CHUNK,
                () -> Files.getFileStore(root.toAbsolutePath()).getUsableSpace());
    }

    /** With the reservation chunk and the reading of the disk's usable space chosen, for tests. */
    EnvelopeStore(Path root, long minimumFreeBytes, int maxConcurrentWrites, Duration writeWait, Executor background,
                  Executor readBehind, long reservationChunk, SpaceReservations.UsableSpace usableSpace) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
        this.space = new SpaceReservations(this.root, minimumFreeBytes, reservationChunk, usableSpace);
        this.slots = new WriteSlots(this.root, maxConcurrentWrites, writeWait);
        this.background = Objects.requireNonNull(background, "background");
        this.readBehind = Objects.requireNonNull(readBehind, "readBehind");
        this.directories = new DurableDirectories(this.root);
        Arrays.setAll(keyLocks, i -> new Object());
    }

    public Path root() {
        return root;
    }

    /**
     * Stores what {@code writer} writes. Nothing is visible under a storage key until the whole envelope is on disk.
     *
     * @throws FileStoreBusyException if the maximum of writes is in progress and none finished within the wait
     * @throws FileStoreFullException if the disk has, or would be left with, less free space than the configured
     *                                minimum, counting what the writes in progress still have to write
     * @throws FileStoreUnwritableException if the store's own writing fails for another reason
     * @throws E                      what the writer throws; nothing is kept then
     */
    public <E extends Exception> StoredEnvelope store(EnvelopeWriter<E> writer) throws IOException, E {
        Path temporaryDirectory = root.resolve(TEMPORARY);
        try {
            directories.create(temporaryDirectory);
        } catch (IOException e) {
            throw unwritable(e);
        }
        slots.acquire();
        try (SpaceReservations.Reservation reservation = space.reserve()) {
            return write(writer, temporaryDirectory, reservation);
        } finally {
            slots.release();
        }
    }

    private <E extends Exception> StoredEnvelope write(EnvelopeWriter<E> writer, Path temporaryDirectory,
            SpaceReservations.Reservation reservation) throws IOException, E {
        Path temporary;
        try {
            temporary = Files.createTempFile(temporaryDirectory, "envelope-", ".part");
        } catch (IOException e) {
            throw unwritable(e);
        }
        boolean published = false;
        try {
            byte[] hash;
            ReservingOutputStream counter = null;
            boolean written = false;
            try (WriteBehindFile file = new WriteBehindFile(temporary, background, BACKGROUND_START_WAIT)) {
                counter = new ReservingOutputStream(file, reservation);
                writer.writeTo(counter);
                written = true;
                hash = file.finish();
            } catch (IOException e) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException notDeleted) {
                    // deleted again below, or at the next start; the write's own failure is what the caller needs
                    e.addSuppressed(notDeleted);
                }
                boolean storesOwn = written || counter == null || counter.failed();
                throw storesOwn ? whyWriteFailed(e, reservation) : e;
            }
            String key = HexFormat.of().formatHex(hash);
            Path target = pathOf(key);
            try {
                directories.create(target.getParent());
                synchronized (lockOf(key)) {
                    AtomicFiles.publish(temporary, target);
                }
            } catch (IOException e) {
                throw unwritable(e);
            }
            published = true;
            return new StoredEnvelope(key, hash, counter.count());
        } finally {
            if (!published) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException leftBehind) {
                    // removed at the next start (removeTemporaryFiles); the failure under way is what the caller needs
                }
            }
        }
    }

    /**
     * For a failure of the store's own writing (the file, its room, its completion): the store's refusal if the write
     * ran out of its room (whatever the writer made of it) or the disk filled up beside it, else the failure as
     * {@link FileStoreUnwritableException} (an interruption as it is). Called
     * once what the write wrote is deleted, and its room is given back first. A writer's own failure (a received
     * envelope that does not check, a client gone, an upload cut short) is never taken for a full disk, even near the
     * minimum: it is passed on as it is.
     */
    private IOException whyWriteFailed(IOException failure, SpaceReservations.Reservation reservation)
            throws FileStoreException {
        if (reservation.refusal() != null) {
            return reservation.refusal();
        }
        reservation.close();
        space.require(0, failure);
        return unwritable(failure);
    }

    /** {@code failure} as the store's own: an interrupted write is passed on as it is, the store is not at fault. */
    private IOException unwritable(IOException failure) {
        if (failure instanceof InterruptedIOException) {
            return failure;
        }
        return new FileStoreUnwritableException("the file store under " + root + " cannot be written (" + failure
                + "): check that its directories exist and are writable by the server, and that its disk is mounted "
                + "read-write, not failing and has inodes left", failure);
    }

    /**
     * Streams the envelope stored under {@code storageKey}. The stream fails at its end with
     * {@link EnvelopeCorruptException} if the bytes read do not hash to {@code expectedSha256}.
     *
     * @throws EnvelopeMissingException if nothing is stored under the key
     */
    public InputStream open(String storageKey, byte[] expectedSha256) throws FileStoreException {
        Path path = pathOf(storageKey);
        try {
            return new HashBehindFile(path, storageKey, expectedSha256, readBehind);
        } catch (NoSuchFileException e) {
            throw missing(storageKey);
        } catch (IOException e) {
            throw new FileStoreException("cannot read envelope " + storageKey + " at " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Why the store cannot take a write now, in words an operator can act on; empty when it can (its directory
     * exists or can be created, is writable, and more than the minimum free space remains besides what the writes
     * in progress claimed).
     */
    public Optional<String> writeProblem() {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            return Optional.of(root + " is not a directory (set custodia.filestore.dir to a directory)");
        }
        try {
            AtomicFiles.createDirectories(root);
        } catch (IOException e) {
            return Optional.of("cannot create " + root + ": " + e.getMessage());
        }
        if (!Files.isWritable(root)) {
            return Optional.of(root + " is not writable by the server's user");
        }
        try {
            space.require(0, null);
        } catch (FileStoreException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * Why a write asking now would wait for a slot (as many writes in progress as allowed); empty while one is free.
     * For a caller about to do something that cannot be undone before it writes (a retrieval, whose access a proxy
     * logs on chain): a hint, as a slot may be taken right after.
     */
    public Optional<FileStoreBusyException> busy() {
        return slots.wouldWait();
    }

    /**
     * Deletes the envelope stored under {@code storageKey} because the record it was stored for was not kept. Only for
     * an envelope no other write can have stored too, such as an upload's (sealed under a new record id and key): a
     * retried write of the same bytes shares the key, and its record may be committing.
     */
    public void discard(String storageKey) throws IOException {
        Path path = pathOf(storageKey);
        synchronized (lockOf(storageKey)) {
            Files.deleteIfExists(path);
        }
    }

    public boolean contains(String storageKey) {
        return Files.isRegularFile(pathOf(storageKey));
    }

    /** Deletes temporary files of writes that never completed (call at start-up, before any write). */
    public int removeTemporaryFiles() throws IOException {
        Path temporaryDirectory = root.resolve(TEMPORARY);
        if (!Files.isDirectory(temporaryDirectory)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(temporaryDirectory, "envelope-*.part")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                removed++;
            }
        }
        return removed;
    }

    /**
     * Moves into {@link #orphanFolder()} the envelopes last modified before {@code olderThan} that {@code references}
     * says nothing refers to: those a crash left between storing them and committing their record, or, after a
     * database restored from a backup older than the store, the only copies of records it no longer knows, which is
     * why they are set aside and not deleted. Younger ones are never touched, as their record may be committing now.
     * Asks about the keys in batches and moves only once the whole store is walked; finding more than {@code limit}
     * such envelopes, it stops looking and moves none, as a crash leaves far fewer.
     *
     * @param limit how many envelopes it may set aside at most (at least 0)
     * @return how many envelopes it set aside
     * @throws TooManyOrphansException if it found more than {@code limit}; nothing was moved then
     */
    public int setAsideOrphans(Instant olderThan, int limit, References references) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> orphans = new ArrayList<>();
        List<Path> batch = new ArrayList<>();
        try (DirectoryStream<Path> first = Files.newDirectoryStream(root, this::isKeyDirectory)) {
            for (Path firstLevel : first) {
                try (DirectoryStream<Path> second = Files.newDirectoryStream(firstLevel, this::isKeyDirectory)) {
                    for (Path secondLevel : second) {
                        try (DirectoryStream<Path> envelopes = Files.newDirectoryStream(secondLevel,
                                file -> isEnvelope(file) && modifiedBefore(file, olderThan))) {
                            for (Path envelope : envelopes) {
                                batch.add(envelope);
                                if (batch.size() == SWEEP_BATCH) {
                                    collectUnreferenced(batch, references, orphans, limit);
                                    batch.clear();
                                }
                            }
                        }
                    }
                }
            }
        }
        collectUnreferenced(batch, references, orphans, limit);
        return setAside(orphans, olderThan);
    }

    /**
     * Adds to {@code orphans} the envelopes of {@code batch} nothing refers to, never taking it past {@code limit}.
     *
     * @throws TooManyOrphansException if they would make more than {@code limit}
     */
    private void collectUnreferenced(List<Path> batch, References references, List<Path> orphans, int limit)
            throws TooManyOrphansException {
        if (batch.isEmpty()) {
            return;
        }
        Set<String> referenced = references.referencedAmong(batch.stream().map(EnvelopeStore::keyOf).toList());
        List<Path> unreferenced = batch.stream().filter(envelope -> !referenced.contains(keyOf(envelope))).toList();
        int found = orphans.size() + unreferenced.size();
        if (found > limit) {
            throw new TooManyOrphansException(root, found, limit);
        }
        orphans.addAll(unreferenced);
    }

    private int setAside(List<Path> orphans, Instant olderThan) throws IOException {
        if (orphans.isEmpty()) {
            return 0;
        }
        Path folder = orphanFolder();
        directories.create(folder);
        int moved = 0;
        for (Path orphan : orphans) {
            String key = keyOf(orphan);
            // checked again, and moved, while no write of the same bytes can publish the envelope anew (a retried
            // retrieval re-encrypts to the same bytes): one published since it was listed is young, and stays
            synchronized (lockOf(key)) {
                if (modifiedBefore(orphan, olderThan)) {
                    beforeMove.run();
                    try {
                        // one set aside before under the same key holds the same bytes (the key is their hash)
                        Files.move(orphan, folder.resolve(key), StandardCopyOption.ATOMIC_MOVE,
                                StandardCopyOption.REPLACE_EXISTING);
                        moved++;
                    } catch (NoSuchFileException e) {
                        // gone since it was listed
                    }
                }
            }
        }
        AtomicFiles.forceDirectory(folder);
        return moved;
    }

    /**
     * Where the start-up sweep sets aside envelopes no record refers to, under their storage keys: never served,
     * never walked, never deleted by the node.
     */
    public Path orphanFolder() {
        return root.resolve(SET_ASIDE);
    }

    /** What a publish under {@code storageKey} and the sweep's move of that key hold. */
    private Object lockOf(String storageKey) {
        return keyLocks[Math.floorMod(storageKey.hashCode(), keyLocks.length)];
    }

    /** Runs {@code action} in the sweep between its last look at an orphan and the move, for tests. */
    void beforeEachMove(Runnable action) {
        beforeMove = Objects.requireNonNull(action, "action");
    }

    private static String keyOf(Path envelope) {
        return envelope.getFileName().toString();
    }

    private boolean isKeyDirectory(Path directory) {
        return KEY_DIRECTORY.matcher(directory.getFileName().toString()).matches() && Files.isDirectory(directory);
    }

    /** A file named by a storage key, in the directories that key names. */
    private boolean isEnvelope(Path file) {
        String name = file.getFileName().toString();
        return STORAGE_KEY.matcher(name).matches() && file.equals(pathOf(name)) && Files.isRegularFile(file);
    }

    private static boolean modifiedBefore(Path file, Instant instant) throws IOException {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(instant);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Where the envelope with this key lives; the key must be 64 lowercase hex digits. */
    Path pathOf(String storageKey) {
        if (storageKey == null || !STORAGE_KEY.matcher(storageKey).matches()) {
            throw new IllegalArgumentException("a storage key is a SHA-256 in 64 lowercase hex digits, not '"
                    + storageKey + "'");
        }
        return root.resolve(storageKey.substring(0, 2)).resolve(storageKey.substring(2, 4)).resolve(storageKey);
    }

    private static EnvelopeMissingException missing(String storageKey) {
        return new EnvelopeMissingException("no envelope is stored under " + storageKey
                + " (deleted, or custodia.filestore.dir points to another store)");
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Counts the bytes written through it, growing the write's reservation before they go to the file. */
    private static final class ReservingOutputStream extends FilterOutputStream {
        private final SpaceReservations.Reservation reservation;
        private long count;
        private boolean failed;

        ReservingOutputStream(OutputStream out, SpaceReservations.Reservation reservation) {
            super(out);
            this.reservation = reservation;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                reserveFor(1);
                out.write(b);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                reserveFor(len);
                out.write(b, off, len);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
            count += len;
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        private void reserveFor(int length) throws IOException {
            if (count + length > reservation.limit()) {
                out.flush(); // what was written so far now shows in the disk's free space
                reservation.cover(count, count + length);
            }
        }

        long count() {
            return count;
        }

        /** Whether writing to the store failed (its file, or its room), whatever the writer made of the failure. */
        boolean failed() {
            return failed;
        }
    }
}
