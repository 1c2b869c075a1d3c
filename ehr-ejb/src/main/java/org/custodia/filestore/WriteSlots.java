package org.custodia.filestore;

import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Bounds the envelope writes in progress at once; a write beyond the bound waits its turn, for a bounded time. */
final class WriteSlots {

    private final Path root;
    private final int limit;
    private final Duration wait;
    private final Semaphore slots;

    /**
     * @param limit how many writes may run at once
     * @param wait  how long a write waits for a slot before it is refused
     */
    WriteSlots(Path root, int limit, Duration wait) {
        if (limit < 1) {
            throw new IllegalArgumentException("custodia.filestore.max-concurrent-writes must be at least 1, not "
                    + limit);
        }
        if (wait.isNegative()) {
            throw new IllegalArgumentException("custodia.filestore.write-wait-seconds must not be negative, not "
                    + wait.toSeconds());
        }
        this.root = root;
        this.limit = limit;
        this.wait = wait;
        this.slots = new Semaphore(limit, true);
    }

    /**
     * Takes a slot, in the order writes asked for one; the caller gives it back with {@link #release()}.
     *
     * @throws FileStoreBusyException  if no slot freed up within the wait
     * @throws InterruptedIOException if the thread was interrupted while waiting
     */
    void acquire() throws FileStoreBusyException, InterruptedIOException {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to write into the file store at " + root);
        }
        if (!acquired) {
            throw new FileStoreBusyException("the file store at " + root + " already has " + limit
                    + " envelope writes in progress (custodia.filestore.max-concurrent-writes) and none finished "
                    + "within " + wait.toSeconds() + " s (custodia.filestore.write-wait-seconds): nothing was "
                    + "stored; retry later, or raise the limit if the disk keeps up", wait);
        }
    }

    /**
     * Why a write asking now would wait (every slot taken), without taking a slot; empty while one is free. A hint
     * only: a slot may be taken or freed right after.
     */
    Optional<FileStoreBusyException> wouldWait() {
        return slots.availablePermits() > 0 ? Optional.empty() : Optional.of(new FileStoreBusyException(
                "the file store at " + root + " has " + limit + " envelope writes in progress "
                        + "(custodia.filestore.max-concurrent-writes); retry later", wait));
    }

    void release() {
        slots.release();
    }
}
