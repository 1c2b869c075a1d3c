package org.custodia.ledger.adapter.inbound;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class WakeableSleeperTest {

    private static final Duration LONG = Duration.ofMinutes(1);

    @Test
    void wakeUpEndsTheCurrentWaitAndEveryLaterOne() throws Exception {
        WakeableSleeper sleeper = new WakeableSleeper();
        CountDownLatch woken = new CountDownLatch(1);
        Thread waiting = new Thread(() -> {
            try {
                sleeper.sleep(LONG);
                woken.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "wakeable-sleeper-test");
        waiting.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (waiting.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        sleeper.wakeUp();
        assertTrue(woken.await(5, TimeUnit.SECONDS), "the wait in progress ended");

        long start = System.nanoTime();
        sleeper.sleep(LONG);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "a later wait returns at once");
    }
}
