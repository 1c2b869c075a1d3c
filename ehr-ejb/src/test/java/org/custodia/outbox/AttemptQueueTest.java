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
import java.util.function.BooleanSupplier;

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

    /** Waits until the condition holds, at most {@value #WAIT_SECONDS} s; the caller asserts what it expects. */
    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private void awaitRunning(int count) throws InterruptedException {
        awaitUntil(() -> running.get() >= count);
        assertEquals(count, running.get(), "attempts running");
    }

    /** A queue of one thread, busy with an attempt at {@code id}, and room for {@code capacity} more. */
    private void oneThreadBusyWith(String id, int capacity) throws InterruptedException {
        queue = new AttemptQueue(1, capacity, factory, this::blockingAttempt);
        queue.offer(id);
        awaitRunning(1);
    }

    private void awaitAttempts(int count) throws InterruptedException {
        awaitUntil(() -> attempted.size() >= count);
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
        awaitAttempts(50);
        assertEquals(50, attempted.size(), "every queued command was attempted");
        assertEquals(50, attempted.stream().distinct().count(), "each once");
        assertEquals(3, mostAtOnce.get(), "at most three at once");
        assertEquals(3, threadsMade.get());
    }

    @Test
    void aCommandWaitingAlreadyIsNotQueuedTwice() throws InterruptedException {
        oneThreadBusyWith("busy", 10);
        assertTrue(queue.offer("twice"));
        assertTrue(queue.offer("twice"), "an offer of a waiting command succeeds");
        assertEquals(9, queue.room(), "but takes no second place");

        release.countDown();
        awaitAttempts(2);
        Thread.sleep(50);
        assertEquals(List.of("busy", "twice"), attempted);
    }

    @Test
    void aCommandWhoseAttemptRunsIsQueuedAgain() throws InterruptedException {
        oneThreadBusyWith("changed while running", 10);
        assertTrue(queue.offer("changed while running"), "the running attempt may have read it before the change");
        assertEquals(9, queue.room());

        release.countDown();
        awaitAttempts(2);
        assertEquals(List.of("changed while running", "changed while running"), attempted);
    }

    @Test
    void aFullQueueRefusesAndKeepsNothingOfTheRefusedCommand() throws InterruptedException {
        oneThreadBusyWith("running", 2);
        assertTrue(queue.offer("first"));
        assertTrue(queue.offer("second"));
        assertEquals(0, queue.room());

        assertFalse(queue.offer("refused"), "left to the timer");
        assertFalse(queue.offer("refused"), "refused again: the refusal left no mark that it waits");

        release.countDown();
        awaitAttempts(3);
        assertEquals(List.of("running", "first", "second"), attempted);
        awaitUntil(() -> queue.room() == 2);
        assertTrue(queue.offer("refused"), "queued once there is room");
        awaitAttempts(4);
        assertEquals("refused", attempted.get(3));
    }

    @Test
    void afterStopWaitingAttemptsAreDroppedAndNoneIsQueued() throws InterruptedException {
        oneThreadBusyWith("running", 10);
        queue.offer("waiting");

        queue.stop();
        assertFalse(queue.offer("after stop"));
        release.countDown();
        Thread.sleep(100);
        assertEquals(List.of("running"), attempted, "the running attempt ends; the waiting one never starts");
    }
}
