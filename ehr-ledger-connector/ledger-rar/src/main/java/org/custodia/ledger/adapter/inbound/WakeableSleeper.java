package org.custodia.ledger.adapter.inbound;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The production {@link Sleeper}: a timed wait on a monitor, which {@link #wakeUp()} ends for good. */
final class WakeableSleeper implements Sleeper {

    private final Object monitor = new Object();
    private boolean awake;

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (monitor) {
            long left = deadline - System.nanoTime();
            while (!awake && left > 0) {
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
                left = deadline - System.nanoTime();
            }
        }
    }

    @Override
    public void wakeUp() {
        synchronized (monitor) {
            awake = true;
            monitor.notifyAll();
        }
    }
}
