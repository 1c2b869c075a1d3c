package org.custodia.filestore;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * An input stream over a stored envelope that checks its SHA-256 at the end of the file, hashing behind the caller:
 * from the second buffer on, each buffer read goes to a task on {@code background}, which hashes it while the caller
 * reads the next one (decrypting and sending a large download overlaps hashing it). What fits in one buffer, and
 * everything when {@code background} has no thread free, is hashed on the caller's thread.
 *
 * <p>The read that reaches the end of the file waits for the hash and fails with {@link EnvelopeCorruptException}
 * if it differs from the expected one, so a caller that reads to the end has read a file that matches; once a read
 * failed, every later read fails the same way. Memory is
 * bounded by {@value #BUFFERS} buffers of {@value #BUFFER_SIZE} bytes: a caller ahead of the hashing waits for a
 * buffer to come back. {@link #close()} waits for the background task to end. Not thread-safe: one caller reads.
 */
final class HashBehindFile extends InputStream {

    static final int BUFFER_SIZE = 256 * 1024;
    static final int BUFFERS = 4;

    /** Put on the queue of buffers to hash to end the background task. */
    private static final Filled END = new Filled(new byte[0], 0);

    private final FileChannel channel;
    private final String storageKey;
    private final byte[] expected;
    private final Executor background;
    private final MessageDigest digest = EnvelopeStore.sha256();
    private final int bufferSize;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Filled> toHash = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final CountDownLatch ended = new CountDownLatch(1);
    /** What ended the background task's hashing early, if anything. */
    private volatile Throwable failure;
    /** The failure of an earlier read: every later read fails with it too. */
    private IOException broken;

    private byte[] current;
    private int position;
    private int limit;
    private int allocated;
    private int buffersRead;
    private boolean behind;
    private boolean stopped;
    private boolean checked;
    private boolean closed;

    private record Filled(byte[] buffer, int length) {
    }

    /**
     * @throws java.nio.file.NoSuchFileException if there is no file at {@code path}
     */
    HashBehindFile(Path path, String storageKey, byte[] expectedSha256, Executor background) throws IOException {
        this.storageKey = storageKey;
        this.expected = expectedSha256.clone();
        this.background = background;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        long size;
        try {
            size = channel.size();
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        this.bufferSize = (int) Math.max(1, Math.min(BUFFER_SIZE, size));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("envelope " + storageKey + " is closed");
        }
        if (broken != null) {
            throw broken;
        }
        if (length == 0) {
            return 0;
        }
        try {
            if (position == limit && !refill()) {
                check();
                return -1;
            }
        } catch (IOException e) {
            broken = e;
            throw e;
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(current, position, bytes, offset, n);
        position += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        try {
            stopBackground();
        } finally {
            channel.close();
        }
    }

    /** Reads the next buffer from the file; false at its end. */
    private boolean refill() throws IOException {
        if (checked) {
            return false;
        }
        current = nextBuffer();
        position = 0;
        limit = 0;
        ByteBuffer target = ByteBuffer.wrap(current);
        while (target.hasRemaining()) {
            if (channel.read(target) < 0) {
                break;
            }
        }
        limit = target.position();
        if (limit == 0) {
            free.add(current);
            current = null;
            return false;
        }
        hash(current, limit);
        return true;
    }

    /** The first buffer is hashed here; the following ones behind, if a thread takes them. */
    private void hash(byte[] buffer, int length) throws IOException {
        buffersRead++;
        if (buffersRead == 2 && !stopped) {
            behind = startBackground();
        }
        if (behind) {
            rethrowFailure();
            toHash.add(new Filled(buffer, length)); // never full: at most every buffer and the end marker
        } else {
            digest.update(buffer, 0, length);
            free.add(buffer);
        }
    }

    private boolean startBackground() {
        try {
            background.execute(this::hashBehind);
            return true;
        } catch (RuntimeException e) {
            // RejectedExecutionException when no thread is free, or no thread to be had (the application stopping)
            return false;
        }
    }

    private byte[] nextBuffer() throws IOException {
        byte[] buffer = free.poll();
        if (buffer != null) {
            return buffer;
        }
        if (allocated < BUFFERS) {
            allocated++;
            return new byte[bufferSize];
        }
        try {
            while (true) {
                buffer = free.poll(100, TimeUnit.MILLISECONDS);
                if (buffer != null) {
                    return buffer;
                }
                if (ended.getCount() == 0 && free.isEmpty()) {
                    rethrowFailure();
                    throw new IOException("the hashing of envelope " + storageKey + " ended early");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading envelope " + storageKey);
        }
    }

    /** Compares the hash of everything read with the expected one, once, at the end of the file. */
    private void check() throws IOException {
        if (checked) {
            return;
        }
        checked = true;
        stopBackground();
        rethrowFailure();
        if (!MessageDigest.isEqual(digest.digest(), expected)) {
            throw new EnvelopeCorruptException("envelope " + storageKey
                    + " does not match its recorded SHA-256: it was modified or damaged on disk");
        }
    }

    /** Ends the background task and waits for it: after this, nothing touches the digest or the buffers. */
    private void stopBackground() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (!behind) {
            return;
        }
        toHash.add(END);
        TaskEnd.await(ended);
    }

    /** The background task: hashes each buffer in order and gives it back, until the end marker. */
    private void hashBehind() {
        try {
            while (true) {
                Filled filled = toHash.take();
                if (filled == END) {
                    return;
                }
                if (failure == null) {
                    try {
                        digest.update(filled.buffer(), 0, filled.length());
                    } catch (RuntimeException | Error e) {
                        failure = e;
                    }
                }
                free.add(filled.buffer());
            }
        } catch (InterruptedException e) {
            failure = new IllegalStateException("the hashing of envelope " + storageKey + " was interrupted");
            Thread.currentThread().interrupt();
        } finally {
            ended.countDown();
        }
    }

    private void rethrowFailure() throws IOException {
        Throwable failed = failure;
        if (failed != null) {
            throw new IOException("hashing envelope " + storageKey + " failed: " + failed, failed);
        }
    }
}
