package org.custodia.filestore;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.custodia.kernel.AtomicFiles;

/**
 * The hospital's file server: encrypted record envelopes stored content-addressed under a root directory, as
 * {@code <root>/<hh>/<hh>/<sha-256 hex>} where {@code hh} are the first two hash bytes. Only envelopes are
 * written here, never plaintext.
 *
 * <p>A write streams into a temporary file under {@code <root>/.tmp} while hashing, forces it to disk and renames
 * it into place atomically, so a crash leaves either the complete envelope under its name or a temporary file
 * that {@link #removeTemporaryFiles()} deletes at the next start. Reads are streamed and can be verified against
 * the expected hash. Thread-safe.
 */
public final class EnvelopeStore {

    /** What writes an envelope into the store's output stream. */
    @FunctionalInterface
    public interface EnvelopeWriter<E extends Exception> {
        void writeTo(OutputStream envelope) throws IOException, E;
    }

    private static final Pattern STORAGE_KEY = Pattern.compile("[0-9a-f]{64}");
    private static final String TEMPORARY = ".tmp";
    private static final int BUFFER = 64 * 1024;

    private final Path root;
    private final long minimumFreeBytes;

    /**
     * @param root             the store's directory, created if missing
     * @param minimumFreeBytes a write is refused when less than this would remain free
     */
    public EnvelopeStore(Path root, long minimumFreeBytes) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
        this.minimumFreeBytes = minimumFreeBytes;
    }

    public Path root() {
        return root;
    }

    /**
     * Stores what {@code writer} writes. Nothing is visible under a storage key until the whole envelope is on disk.
     *
     * @throws FileStoreFullException if the disk has less free space than the configured minimum, or fills up
     * @throws E                      what the writer throws; nothing is kept then
     */
    public <E extends Exception> StoredEnvelope store(EnvelopeWriter<E> writer) throws IOException, E {
        Path temporaryDirectory = root.resolve(TEMPORARY);
        Files.createDirectories(temporaryDirectory);
        requireFreeSpace(0);
        Path temporary = Files.createTempFile(temporaryDirectory, "envelope-", ".part");
        boolean published = false;
        try {
            MessageDigest digest = sha256();
            CountingOutputStream counter;
            try (OutputStream file = Files.newOutputStream(temporary);
                 DigestOutputStream hashing = new DigestOutputStream(new BufferedOutputStream(file, BUFFER), digest)) {
                counter = new CountingOutputStream(hashing);
                writer.writeTo(counter);
                counter.flush();
            } catch (IOException e) {
                requireFreeSpace(0, e);
                throw e;
            }
            byte[] hash = digest.digest();
            String key = HexFormat.of().formatHex(hash);
            Path target = pathOf(key);
            Files.createDirectories(target.getParent());
            AtomicFiles.publish(temporary, target);
            published = true;
            return new StoredEnvelope(key, hash, counter.count());
        } finally {
            if (!published) {
                Files.deleteIfExists(temporary);
            }
        }
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
            return new VerifyingInputStream(Files.newInputStream(path), sha256(), expectedSha256.clone(), storageKey);
        } catch (NoSuchFileException e) {
            throw missing(storageKey);
        } catch (IOException e) {
            throw new FileStoreException("cannot read envelope " + storageKey + " at " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Why the store cannot take a write now, in words an operator can act on; empty when it can (its directory
     * exists or can be created, is writable, and more than the minimum free space remains).
     */
    public Optional<String> writeProblem() {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            return Optional.of(root + " is not a directory (set custodia.filestore.dir to a directory)");
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            return Optional.of("cannot create " + root + ": " + e.getMessage());
        }
        if (!Files.isWritable(root)) {
            return Optional.of(root + " is not writable by the server's user");
        }
        try {
            requireFreeSpace(0);
        } catch (FileStoreException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
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

    /** Where the envelope with this key lives; the key must be 64 lowercase hex digits. */
    Path pathOf(String storageKey) {
        if (storageKey == null || !STORAGE_KEY.matcher(storageKey).matches()) {
            throw new IllegalArgumentException("a storage key is a SHA-256 in 64 lowercase hex digits, not '"
                    + storageKey + "'");
        }
        return root.resolve(storageKey.substring(0, 2)).resolve(storageKey.substring(2, 4)).resolve(storageKey);
    }

    private void requireFreeSpace(long needed) throws FileStoreException {
        requireFreeSpace(needed, null);
    }

    private void requireFreeSpace(long needed, IOException cause) throws FileStoreException {
        long usable;
        try {
            usable = Files.getFileStore(root).getUsableSpace();
        } catch (IOException e) {
            throw new FileStoreException("cannot read the free space of the file store at " + root, e);
        }
        if (usable - needed < minimumFreeBytes) {
            throw new FileStoreFullException("the file store at " + root + " has " + usable / (1024 * 1024)
                    + " MB free, below the minimum of " + minimumFreeBytes / (1024 * 1024)
                    + " MB (custodia.filestore.min-free-mb): free space or move the store", cause);
        }
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

    /** Counts the bytes written through it. */
    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        long count() {
            return count;
        }
    }

    /** Hashes what is read and compares at the end of the stream. */
    private static final class VerifyingInputStream extends DigestInputStream {
        private final byte[] expected;
        private final String storageKey;
        private boolean checked;

        VerifyingInputStream(InputStream in, MessageDigest digest, byte[] expected, String storageKey) {
            super(new java.io.BufferedInputStream(in, BUFFER), digest);
            this.expected = expected;
            this.storageKey = storageKey;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                check();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
                check();
            }
            return n;
        }

        private void check() throws EnvelopeCorruptException {
            if (!checked) {
                checked = true;
                if (!MessageDigest.isEqual(getMessageDigest().digest(), expected)) {
                    throw new EnvelopeCorruptException("envelope " + storageKey
                            + " does not match its recorded SHA-256: it was modified or damaged on disk");
                }
            }
        }
    }
}
