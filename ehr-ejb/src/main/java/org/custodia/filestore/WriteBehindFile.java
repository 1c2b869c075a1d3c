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
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An output stream into a new file that hashes (SHA-256) and writes what it is given behind the caller: once more
 * than one buffer was written, full buffers go to two tasks on {@code background}, one copying them into the file,
 * the other hashing them, while the caller produces the next ones (receiving and encrypting a large upload overlaps
 * hashing and writing it, and the two overlap each other). The hashing task, the lighter, also forces the file to
 * disk after every {@value #FORCE_EVERY} bytes it hashes (what the copying task has written by then) while the
 * copying goes on, so that the caller's final force finds little left to write. What fits in one buffer never leaves
 * the caller's thread.
 *
 * <p>Memory is bounded by {@value #BUFFERS} buffers of {@value #BUFFER_SIZE} bytes: a caller ahead of the disk
 * waits for a buffer to come back, which it does once both tasks are done with it. A failure of either task, or
 * either ending early, is thrown to the caller at its next write, flush or {@link #finish()}. {@link #flush()}
 * returns once everything written so far is in the file. {@link #close()} always waits for both tasks to end, so the
 * file can be deleted after it. Not thread-safe: one caller writes.
 */
final class WriteBehindFile extends OutputStream {

    static final int BUFFER_SIZE = 256 * 1024;
    static final int BUFFERS = 4;
    /** How much the hashing task hashes between forcing the file to disk. */
    static final long FORCE_EVERY = 8L * 1024 * 1024;

    /** Put on a task's queue to end it. */
    private static final Filled END = new Filled(new byte[0], 0, null);

    private final Path path;
    private final FileChannel channel;
    private final Executor background;
    private final MessageDigest digest = EnvelopeStore.sha256();
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final Stage copying = new Stage(this::copy);
    private final Stage hashing = new Stage(this::hash);
    private final List<Stage> stages = List.of(copying, hashing);
    private final CountDownLatch ended = new CountDownLatch(2);
    private final Duration startWait;
    private volatile IOException failure;

    private byte[] current;
    private int position;
    private int allocated;
    private boolean started;
    private boolean stopped;
    /** Bytes the hashing task hashed since it last forced the file; its own. */
    private long unforced;

    /** A full buffer and how many of the two tasks still have to take their turn with it. */
    private record Filled(byte[] buffer, int length, AtomicInteger turnsLeft) {
    }

    /** What a task does with each buffer. */
    @FunctionalInterface
    private interface BufferWork {
        void on(Filled filled) throws IOException;
    }

    /**
     * Creates (or truncates) the file at {@code path}.
     *
     * @param startWait how long the caller waits for a buffer while a background task has not started: past it, the
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
        // every buffer back means both tasks are done with every one handed over
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
     * Writes what is left and ends the background tasks.
     *
     * @return the SHA-256 of everything written
     */
    byte[] finish() throws IOException {
        flush();
        stopBackground();
        rethrowFailure();
        return digest.digest();
    }

    /** Ends the background tasks (waiting for them) and closes the file; the hash is lost if not finished. */
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

    /** Gives the current (full, or last) buffer to both background tasks, starting them with the first. */
    private void handOver() throws IOException {
        if (!started) {
            started = true; // from here on a stop ends what started and abandons what did not
            for (Stage stage : stages) {
                try {
                    background.execute(stage);
                } catch (RuntimeException | Error e) {
                    IOException refused = e instanceof RejectedExecutionException
                            ? new IOException("cannot write " + path + ": the file store is shutting down", e)
                            : new IOException("cannot start writing " + path + ": " + e, e);
                    failed(refused);
                    throw refused;
                }
            }
        }
        Filled filled = new Filled(current, position, new AtomicInteger(stages.size()));
        for (Stage stage : stages) {
            stage.queue.add(filled); // never full: at most every buffer and the end marker
        }
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
        for (Stage stage : stages) {
            stage.abandon(); // one that never started now never will: nothing touches the file after this
            stage.queue.add(END);
        }
        // never interrupted out of this wait: the file must not be deleted under a background task
        TaskEnd.await(ended);
    }

    private void copy(Filled filled) throws IOException {
        writeFully(filled.buffer(), filled.length());
    }

    private void hash(Filled filled) throws IOException {
        digest.update(filled.buffer(), 0, filled.length());
        unforced += filled.length();
        if (unforced >= FORCE_EVERY) {
            channel.force(false); // what the copying task has written so far, while it goes on
            unforced = 0;
        }
    }

    /** A buffer goes back to the caller once both tasks are done with it. */
    private void release(Filled filled) {
        if (filled.turnsLeft().decrementAndGet() == 0) {
            free.add(filled.buffer());
        }
    }

    private void writeFully(byte[] buffer, int length) throws IOException {
        ByteBuffer remaining = ByteBuffer.wrap(buffer, 0, length);
        while (remaining.hasRemaining()) {
            channel.write(remaining);
        }
    }

    /**
     * Waits for a buffer to come back; fails if a background task failed or ended early (either leaves buffers that
     * never come back), or one did not start within the start wait.
     */
    private byte[] takeFree() throws IOException {
        long deadline = System.nanoTime() + startWait.toNanos();
        try {
            while (true) {
                byte[] buffer = free.poll(100, TimeUnit.MILLISECONDS);
                if (buffer != null) {
                    return buffer;
                }
                rethrowFailure(); // a failed task may have stopped giving buffers back
                if (ended.getCount() == 0 && free.isEmpty()) {
                    throw new IOException("the write of " + path + " ended early");
                }
                if (System.nanoTime() - deadline > 0) {
                    boolean abandoned = false;
                    for (Stage stage : stages) {
                        abandoned |= stage.abandon();
                    }
                    if (abandoned) {
                        failed(new IOException("no thread started to write " + path + " within "
                                + startWait.toSeconds() + " s"));
                        rethrowFailure();
                    }
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

    /**
     * One of the two background tasks: does its work on each buffer in order and takes its turn off it, until the
     * end marker; after a failure (of either task) it only takes its turns. Ending any other way (an interrupt, an
     * {@link Error}) is a failure of the write, so that the caller stops waiting for buffers.
     */
    private final class Stage implements Runnable {

        private final BlockingQueue<Filled> queue = new ArrayBlockingQueue<>(BUFFERS + 1);
        /** Taken when the task starts, or by the caller to make sure it never will. */
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final BufferWork work;

        Stage(BufferWork work) {
            this.work = work;
        }

        @Override
        public void run() {
            if (!claimed.compareAndSet(false, true)) {
                return; // the caller gave up waiting for it
            }
            boolean reachedEnd = false;
            try {
                while (true) {
                    Filled filled = queue.take();
                    if (filled == END) {
                        reachedEnd = true;
                        return;
                    }
                    if (failure == null) {
                        try {
                            work.on(filled);
                        } catch (IOException | RuntimeException e) {
                            failed(e);
                        }
                    }
                    release(filled);
                }
            } catch (InterruptedException e) {
                failed(new InterruptedIOException("the write of " + path + " was interrupted"));
                Thread.currentThread().interrupt();
            } finally {
                if (!reachedEnd) {
                    failed(new IOException("a background task of the write of " + path + " ended early"));
                }
                ended.countDown();
            }
        }

        /** Makes sure the task never starts, if it has not: then it counts as ended. */
        boolean abandon() {
            if (claimed.compareAndSet(false, true)) {
                ended.countDown();
                return true;
            }
            return false;
        }
    }
}
