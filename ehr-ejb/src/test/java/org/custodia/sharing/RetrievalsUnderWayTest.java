package org.custodia.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.custodia.kernel.Failure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One retrieval per record at a time on a node, the others waiting their turn or, past their patience, refused. */
class RetrievalsUnderWayTest {

    private static final Duration PATIENT = Duration.ofSeconds(30);

    private final RetrievalsUnderWay underWay = new RetrievalsUnderWay();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch firstIn = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private final List<String> order = new ArrayList<>();

    @AfterEach
    void stopThreads() {
        releaseFirst.countDown();
        threads.shutdownNow();
    }

    @Test
    void aSecondRetrievalOfTheSameRecordRunsOnlyOnceTheFirstHasEnded() throws Exception {
        Future<String> first = threads.submit(() -> underWay.oneAtATime("r-1", PATIENT, this::heldFirst));
        assertTrue(firstIn.await(10, TimeUnit.SECONDS));
        Future<String> second = threads.submit(() -> underWay.oneAtATime("r-1", PATIENT, () -> record("second")));

        assertThrows(java.util.concurrent.TimeoutException.class, () -> second.get(300, TimeUnit.MILLISECONDS),
                "the second waits while the first is under way");
        releaseFirst.countDown();
        assertEquals("first", first.get(10, TimeUnit.SECONDS));
        assertEquals("second", second.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("first in", "first out", "second"), order);
    }

    @Test
    void retrievalsOfDifferentRecordsRunSideBySide() throws Exception {
        Future<String> first = threads.submit(() -> underWay.oneAtATime("r-1", PATIENT, this::heldFirst));
        assertTrue(firstIn.await(10, TimeUnit.SECONDS));
        assertEquals("other", underWay.oneAtATime("r-2", PATIENT, () -> record("other")),
                "not held up by another record's retrieval");
        releaseFirst.countDown();
        assertEquals("first", first.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aRetrievalOutlastingTheWaitIsAConflictAndTheRecordIsFreeOnceItEnds() throws Exception {
        Future<String> first = threads.submit(() -> underWay.oneAtATime("r-1", PATIENT, this::heldFirst));
        assertTrue(firstIn.await(10, TimeUnit.SECONDS));

        RetrievalUnderWayException refused = assertThrows(RetrievalUnderWayException.class,
                () -> underWay.oneAtATime("r-1", Duration.ofMillis(100), () -> record("impatient")));
        assertEquals(Failure.CONFLICT, refused.failure());
        assertTrue(refused.getMessage().contains("r-1"), refused.getMessage());

        releaseFirst.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertEquals("next", underWay.oneAtATime("r-1", Duration.ZERO, () -> record("next")));
        assertFalse(order.contains("impatient"), "the refused retrieval never ran");
    }

    @Test
    void aFailedRetrievalFreesTheRecordForTheNext() {
        assertThrows(IllegalStateException.class, () -> underWay.oneAtATime("r-1", PATIENT, () -> {
            throw new IllegalStateException("the proxy's answer broke off");
        }));
        assertEquals("next", underWay.oneAtATime("r-1", Duration.ZERO, () -> record("next")));
    }

    @Test
    void manyWaitingRetrievalsOfOneRecordRunOneAtATime() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Future<String>> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(threads.submit(() -> underWay.oneAtATime("r-1", PATIENT, () -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                return "done";
            })));
        }
        for (Future<String> retrieval : all) {
            assertEquals("done", retrieval.get(30, TimeUnit.SECONDS));
        }
        assertEquals(1, mostAtOnce.get());
    }

    private String heldFirst() {
        record("first in");
        firstIn.countDown();
        try {
            assertTrue(releaseFirst.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        record("first out");
        return "first";
    }

    private String record(String step) {
        synchronized (order) {
            order.add(step);
        }
        return step;
    }
}
