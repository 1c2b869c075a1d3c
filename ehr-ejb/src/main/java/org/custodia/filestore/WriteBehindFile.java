package org.custodia.filestore;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An output stream into a new file that hashes (SHA-256) and writes what it is given behind the caller: once more
 * than one buffer was written, full buffers go to a task on {@code background}, which hashes them and copies them
 * into the file while the caller produces the next ones (receiving and encrypting a large upload overlaps hashing
 * and writing it). The task also forces the file to disk every {@value #FORCE_EVERY} bytes, so that the caller's
 * final force finds little left to write. What fits in one buffer never leaves the caller's thread.
 *
 * <p>Memory is bounded by {@value #BUFFERS} buffers of {@value #BUFFER_SIZE} bytes: a caller ahead of the disk
 * waits for a buffer to come back. A failure of the background write is thrown to the caller at its next write,
 * flush or {@link #finish()}. {@link #flush()} returns once everything written so far is in the file. {@link
 * #close()} always waits for the background task to end, so the file can be deleted after it. Not thread-safe: one
 * caller writes.
 */
final class WriteBehindFile extends OutputStream {

    static final int BUFFER_SIZE = 256 * 1024;
    static final int BUFFERS = 4;
    /** How much the background task writes between forcing the file to disk. */
    static final long FORCE_EVERY = 8L * 1024 * 1024;

    /** Put on the queue of full buffers to end the background task. */
    private static final byte[] END = new byte[0];

    private final Path path;
    private final FileChannel channel;
    private final Executor background;
    private final MessageDigest digest = EnvelopeStore.sha256();
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Filled> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final CountDownLatch ended = new CountDownLatch(1);
    /** Taken by the background task when it starts, or by the caller to make sure it never will. */
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final Duration startWait;
    private volatile IOException failure;

    private byte[] current;
    private int position;
    private int allocated;
    private boolean started;
    private boolean stopped;
    /** Bytes the background task wrote since it last forced the file; its own. */
    private long unforced;

    private record Filled(byte[] buffer, int length) {
    }

    /**
     * Creates (or truncates) the file at {@code path}.
     *
     * @param startWait how long the caller waits for a buffer while the background task has not started: past it, the
     *                  write fails instead of waiting for a thread that may never come
     */
    WriteBehindFile(Path path, Executor background, Duration startWait) throws IOException {
        this.path = path;
        this.startWait = startWait;
        this.channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.background = background;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        requireOpen();
        while (length > 0) {
            if (current != null && position == current.length) {
                handOver(); // only once more follows: what fits in one buffer stays on this thread
            }
            if (current == null) {
                current = nextBuffer();
                position = 0;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(bytes, offset, current, position, n);
            position += n;
            offset += n;
            length -= n;
        }
    }

    /** Returns once everything written so far is in the file (not forced to disk). */
    @Override
    public void flush() throws IOException {
        requireOpen();
        if (!started) {
            writeHere();
            return;
        }
        if (current != null) {
            if (position > 0) {
                handOver();
            } else {
                free.add(current);
                current = null;
            }
        }
        // every buffer back means every one handed over was written
        byte[][] all = new byte[allocated][];
        for (int i = 0; i < all.length; i++) {
            all[i] = takeFree();
        }
        for (byte[] buffer : all) {
            free.add(buffer);
        }
        rethrowFailure();
    }

    /**
     * Writes what is left and ends the background task.
     *
     * @return the SHA-256 of everything written
     */
    byte[] finish() throws IOException {
        flush();
        stopBackground();
        rethrowFailure();
        return digest.digest();
    }

    /** Ends the background task (waiting for it) and closes the file; the hash is lost if not finished. */
    @Override
    public void close() throws IOException {
        try {
            stopBackground();
        } finally {
            channel.close();
        }
    }

    private void requireOpen() throws IOException {
        if (stopped) {
            throw new IOException("the write of " + path + " has ended");
        }
        rethrowFailure();
    }

    private byte[] nextBuffer() throws IOException {
        byte[] buffer = free.poll();
        if (buffer != null) {
            return buffer;
        }
        if (allocated < BUFFERS) {
            allocated++;
            return new byte[BUFFER_SIZE];
        }
        buffer = takeFree();
        rethrowFailure();
        return buffer;
    }

    /** Gives the current (full, or last) buffer to the background task, starting it with the first. */
    private void handOver() throws IOException {
        if (!started) {
            try {
                background.execute(this::writeBehind);
            } catch (RejectedExecutionException e) {
                throw new IOException("cannot write " + path + ": the file store is shutting down", e);
            } catch (RuntimeException e) {
                throw new IOException("cannot start writing " + path + ": " + e, e);
            }
            started = true;
        }
        full.add(new Filled(current, position)); // never full: at most every buffer and the end marker
        current = null;
        position = 0;
    }

    /** The caller's own write of its one buffer, when nothing went to the background. */
    private void writeHere() throws IOException {
        if (current != null && position > 0) {
            try {
                digest.update(current, 0, position);
                writeFully(current, position);
            } catch (IOException | RuntimeException e) {
                failed(e);
                rethrowFailure();
            }
            position = 0;
        }
    }

    private void stopBackground() throws IOException {
        if (stopped) {
            return;
        }
        stopped = true;
        if (!started) {
            return;
        }
        if (claimed.compareAndSet(false, true)) {
            return; // the task never started, and now never will: nothing touches the file after this
        }
        full.add(new Filled(END, 0));
        // never interrupted out of this wait: the file must not be deleted under the background task
        TaskEnd.await(ended);
    }

    /** The background task: hashes and writes each full buffer and gives it back, until the end marker. */
    private void writeBehind() {
        if (!claimed.compareAndSet(false, true)) {
            return; // the caller gave up waiting for it
        }
        try {
            while (true) {
                Filled filled = full.take();
                if (filled.buffer() == END) {
                    return;
                }
                if (failure == null) {
                    try {
                        digest.update(filled.buffer(), 0, filled.length());
                        writeFully(filled.buffer(), filled.length());
                        unforced += filled.length();
                    } catch (IOException | RuntimeException e) {
                        failed(e);
                    }
                }
                free.add(filled.buffer());
                if (failure == null && unforced >= FORCE_EVERY) {
                    forceWhileTheCallerGoesOn();
                }
            }
        } catch (InterruptedException e) {
            failed(new InterruptedIOException("the write of " + path + " was interrupted"));
            Thread.currentThread().interrupt();
        } finally {
            ended.countDown();
        }
    }

    /** Forces what is written so far to disk, the buffer just written already back with the caller. */
    private void forceWhileTheCallerGoesOn() {
        try {
            channel.force(false);
            unforced = 0;
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    private void writeFully(byte[] buffer, int length) throws IOException {
        ByteBuffer remaining = ByteBuffer.wrap(buffer, 0, length);
        while (remaining.hasRemaining()) {
            channel.write(remaining);
        }
    }

    /**
     * Waits for a buffer to come back; fails if the background task ended without giving them all back, or did not
     * start within the start wait.
     */
    private byte[] takeFree() throws IOException {
        long deadline = System.nanoTime() + startWait.toNanos();
        try {
            while (true) {
                byte[] buffer = free.poll(100, TimeUnit.MILLISECONDS);
                if (buffer != null) {
                    return buffer;
                }
                if (ended.getCount() == 0 && free.isEmpty()) {
                    rethrowFailure();
                    throw new IOException("the write of " + path + " ended early");
                }
                if (System.nanoTime() - deadline > 0 && claimed.compareAndSet(false, true)) {
                    ended.countDown();
                    failed(new IOException("no thread started to write " + path + " within " + startWait.toSeconds()
                            + " s"));
                    rethrowFailure();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing " + path);
        }
    }

    /** Keeps the first failure: later calls are refused with it. */
    private void failed(Exception e) {
        if (failure == null) {
            failure = e instanceof IOException io ? io : new IOException(e.toString(), e);
        }
    }

    private void rethrowFailure() throws IOException {
        IOException failed = failure;
        if (failed != null) {
            throw new IOException("writing " + path + " failed: " + failed.getMessage(), failed);
        }
    }
}
