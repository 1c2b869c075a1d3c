package org.custodia.filestore;

import java.util.concurrent.CountDownLatch;

/** Waiting for a background task of a read or write to end, which no interrupt may cut short. */
final class TaskEnd {

    private TaskEnd() {
    }

    /**
     * Waits until {@code ended} counts down, through interrupts (the task may still touch the file or its buffers
     * until then), and then restores the caller's interrupt status.
     */
    static void await(CountDownLatch ended) {
        boolean interrupted = false;
        while (true) {
            try {
                ended.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
