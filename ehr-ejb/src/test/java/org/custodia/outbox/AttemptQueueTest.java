package org.custodia.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AttemptQueueTest {

    private static final long WAIT_SECONDS = 10;

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> attempted = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger threadsMade = new AtomicInteger();
    private final ThreadFactory factory = task -> {
        threadsMade.incrementAndGet();
        return Executors.defaultThreadFactory().newThread(task);
    };
    private AttemptQueue queue;

    @AfterEach
    void stopQueue() {
        release.countDown();
        if (queue != null) {
            queue.stop();
        }
    }

    /** Each attempt records its id and then blocks until the test releases all of them. */
    private void blockingAttempt(String id) {
        int now = running.incrementAndGet();
        mostAtOnce.accumulateAndGet(now, Math::max);
        attempted.add(id);
        try {
            release.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.decrementAndGet();
        }
    }

    private void awaitRunning(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (running.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(count, running.get(), "attempts running");
    }

    @Test
    void manyCommandsAtOnceTakeNoMoreThreadsThanTheQueueHas() throws InterruptedException {
        queue = new AttemptQueue(3, 100, factory, this::blockingAttempt);
        assertEquals(3, threadsMade.get(), "the threads start with the queue");
        for (int i = 0; i < 50; i++) {
            assertTrue(queue.offer("command-" + i));
        }
        awaitRunning(3);
        assertEquals(3, threadsMade.get(), "no thread beyond the three");
        assertEquals(47, 100 - queue.room(), "the others wait in the queue");

        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (attempted.size() < 50 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(50, attempted.size(), "every queued command was attempted");
        assertEquals(50, attempted.stream().distinct().count(), "each once");
        assertEquals(3, mostAtOnce.get(), "at most three at once");
        assertEquals(3, threadsMade.get());
    }

    @Test
    void aCommandWaitingAlreadyIsNotQueuedTwice() throws InterruptedException {
        queue = new AttemptQueue(1, 10, factory, this::blockingAttempt);
        queue.offer("busy");
        awaitRunning(1);
        assertTrue(queue.offer("twice"));
        assertTrue(queue.offer("twice"), "an offer of a waiting command succeeds");
        assertEquals(9, queue.room(), "but takes no second place");

        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (attempted.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(50);
        assertEquals(List.of("busy", "twice"), attempted);
    }

    @Test
    void aCommandWhoseAttemptRunsIsQueuedAgain() throws InterruptedException {
        queue = new AttemptQueue(1, 10, factory, this::blockingAttempt);
        queue.offer("changed while running");
        awaitRunning(1);
        assertTrue(queue.offer("changed while running"), "the running attempt may have read it before the change");
        assertEquals(9, queue.room());

        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (attempted.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of("changed while running", "changed while running"), attempted);
    }

    @Test
    void aFullQueueRefusesAndKeepsNothingOfTheRefusedCommand() throws InterruptedException {
        queue = new AttemptQueue(1, 2, factory, this::blockingAttempt);
        queue.offer("running");
        awaitRunning(1);
        assertTrue(queue.offer("first"));
        assertTrue(queue.offer("second"));
        assertEquals(0, queue.room());

        assertFalse(queue.offer("refused"), "left to the timer");
        assertFalse(queue.offer("refused"), "refused again: the refusal left no mark that it waits");

        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (attempted.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of("running", "first", "second"), attempted);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (queue.room() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(queue.offer("refused"), "queued once there is room");
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (attempted.size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals("refused", attempted.get(3));
    }

    @Test
    void afterStopWaitingAttemptsAreDroppedAndNoneIsQueued() throws InterruptedException {
        queue = new AttemptQueue(1, 10, factory, this::blockingAttempt);
        queue.offer("running");
        awaitRunning(1);
        queue.offer("waiting");

        queue.stop();
        assertFalse(queue.offer("after stop"));
        release.countDown();
        Thread.sleep(100);
        assertEquals(List.of("running"), attempted, "the running attempt ends; the waiting one never starts");
    }
}
