package org.custodia.ledger.adapter.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.custodia.ledger.api.ContractRefusalException;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The batcher's rules about when a transaction starts, with a sender that only records what it was given (no chain:
 * what a chain does with the batches is covered by {@code ConcurrentTransactionsTest} on anvil). The waits are long
 * enough that the items a test submits are all queued before one ends; the times asserted are bounds that the rules
 * guarantee, measured from before the calls.
 */
class TransactionBatcherTest {

    private static final Duration INTERVAL = Duration.ofMillis(800);

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());

    private record Sent(List<String> items, long at) {
    }

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void afterAQuietIntervalItemsArrivingTogetherWaitATenthOfItForEachOtherAndGoOutInOneTransaction()
            throws Exception {
        Duration interval = Duration.ofSeconds(10);
        TransactionBatcher<String, String> batcher = new TransactionBatcher<>(32, 8, interval);

        long before = System.nanoTime();
        assertEquals(List.of("done a", "done b", "done c"), submitTogether(batcher, "a", "b", "c"));

        assertEquals(1, sent.size(), "one transaction: " + sentItems());
        assertEquals(List.of("a", "b", "c"), sent.get(0).items().stream().sorted().toList());
        long waited = sent.get(0).at() - before;
        assertTrue(waited >= interval.toNanos() / 10 && waited < interval.toNanos(),
                "the first waited a tenth of the interval, not all of it: " + waited / 1_000_000 + " ms");
    }

    @Test
    void itemsArrivingWithinTheIntervalShareTheNextTransactionWhichStartsNoSooner() throws Exception {
        TransactionBatcher<String, String> batcher = new TransactionBatcher<>(32, 8, INTERVAL);
        long before = System.nanoTime();
        batcher.submit("first", this::record);

        assertEquals(List.of("done b", "done c", "done d", "done e"), submitTogether(batcher, "b", "c", "d", "e"));

        assertEquals(2, sent.size(), "the four waiting items went out in one transaction: " + sentItems());
        assertEquals(List.of("b", "c", "d", "e"), sent.get(1).items().stream().sorted().toList());
        long earliest = INTERVAL.toNanos() + INTERVAL.toNanos() / 10;
        assertTrue(sent.get(1).at() - before >= earliest, "the second transaction went out "
                + (sent.get(1).at() - before) / 1_000_000 + " ms after the first was submitted: the first waited a "
                + "tenth of the interval, the second the interval after the first started");
    }

    @Test
    void aFullBatchDoesNotWaitForTheInterval() throws Exception {
        TransactionBatcher<String, String> batcher = new TransactionBatcher<>(3, 8, Duration.ofSeconds(10));
        batcher.submit("first", this::record);

        assertEquals(List.of("done x", "done y", "done z"), submitTogether(batcher, "x", "y", "z"));

        assertEquals(2, sent.size(), "two transactions: " + sentItems());
        assertEquals(List.of("x", "y", "z"), sent.get(1).items().stream().sorted().toList());
        assertTrue(sent.get(1).at() - sent.get(0).at() < Duration.ofSeconds(5).toNanos(),
                "the full batch went out " + (sent.get(1).at() - sent.get(0).at()) / 1_000_000
                        + " ms after the first transaction, not the 10 s interval after it");
    }

    @Test
    void withoutAnIntervalAnItemBehindAFinishedTransactionGoesOutAtOnce() throws Exception {
        TransactionBatcher<String, String> batcher = new TransactionBatcher<>(32, 8, Duration.ZERO);
        batcher.submit("a", this::record);

        long before = System.nanoTime();
        batcher.submit("b", this::record);

        assertEquals(List.of(List.of("a"), List.of("b")), sentItems());
        assertTrue(sent.get(1).at() - before < Duration.ofSeconds(5).toNanos(), "the second item waited for nothing");
    }

    @Test
    void aCallerInterruptedWhileWaitingForTheIntervalIsToldNothingWasSent() throws Exception {
        TransactionBatcher<String, String> batcher = new TransactionBatcher<>(32, 8, Duration.ofSeconds(10));
        batcher.submit("first", this::record);
        AtomicReference<Exception> failure = new AtomicReference<>();

        Thread caller = new Thread(() -> {
            try {
                batcher.submit("second", this::record);
            } catch (LedgerException e) {
                failure.set(e);
            }
        });
        caller.start();
        TimeUnit.MILLISECONDS.sleep(200);
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(10));

        LedgerUnavailableException refused = assertInstanceOf(LedgerUnavailableException.class, failure.get());
        assertTrue(refused.getMessage().contains("nothing was sent"), refused.getMessage());
        assertEquals(List.of(List.of("first")), sentItems());
    }

    @Test
    void withoutAnIntervalAnItemArrivingWhileATransactionIsOnItsWayGoesOutBesideIt() throws Exception {
        TransactionBatcher<String, String> batcher = new TransactionBatcher<>(32, 8, Duration.ZERO);
        CountDownLatch firstSending = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        Future<String> first = callers.submit(() -> batcher.submit("a", items -> {
            firstSending.countDown();
            awaitRelease(releaseFirst);
            return record(items);
        }));
        try {
            assertTrue(firstSending.await(10, TimeUnit.SECONDS), "the first transaction started");

            long before = System.nanoTime();
            assertEquals("done b", batcher.submit("b", this::record));

            assertEquals(List.of(List.of("b")), sentItems(), "b went out while a was still on its way");
            assertTrue(System.nanoTime() - before < Duration.ofSeconds(5).toNanos(),
                    "b waited for nothing (no round trip measured yet, so no linger)");
        } finally {
            releaseFirst.countDown();
        }
        assertEquals("done a", first.get(10, TimeUnit.SECONDS));
    }

    @Test
    void itemsSentBesideOneWhoseSendingEndsInAnErrorAreToldItFailed() throws Exception {
        assertEveryCallerIsAnswered(items -> {
            throw new NoClassDefFoundError("the application is being undeployed");
        });
    }

    @Test
    void itemsLeftWhenAnErrorEndsTheSplittingOfARefusedBatchAreToldItFailed() throws Exception {
        assertEveryCallerIsAnswered(items -> {
            if (items.size() > 1) {
                throw new ContractRefusalException("InvalidCategory", "one of them is refused");
            }
            throw new NoClassDefFoundError("the application is being undeployed");
        });
    }

    /**
     * Submits three items together to {@code sender}, which ends in an {@link Error}: each caller that sent a batch
     * sees the error, every other is told its item failed, and none waits for ever.
     */
    private void assertEveryCallerIsAnswered(TransactionBatcher.Sender<String, String> sender) throws Exception {
        TransactionBatcher<String, String> batcher = new TransactionBatcher<>(32, 8, Duration.ofSeconds(10));
        List<Future<String>> answers = new ArrayList<>();
        for (String item : List.of("a", "b", "c")) {
            answers.add(callers.submit(() -> batcher.submit(item, sender)));
        }

        int errors = 0;
        for (Future<String> answer : answers) {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> answer.get(30, TimeUnit.SECONDS),
                    "no caller waits for ever");
            if (failed.getCause() instanceof NoClassDefFoundError) {
                errors++;
            } else {
                assertTrue(failed.getCause() instanceof LedgerException
                        && failed.getCause().getMessage().contains("failed"), failed.getCause().toString());
            }
        }
        assertTrue(errors >= 1, "a caller that sent a batch sees the error itself");
    }

    /**
     * A caller that sends another caller's item and ends in an {@link Error} takes its own item, still queued, out of
     * the queue: it stayed queued, and the next caller's transaction put it on chain although its own caller had seen
     * the error. Which of two waiting callers sends the next item is up to the scheduler, so the round is repeated
     * until the caller of {@code c} has sent {@code b} at least once.
     */
    @Test
    void aCallerWhoseSendingOfAnotherItemEndsInAnErrorLeavesNoItemOfItsOwnQueued() throws Exception {
        int roundsWhereCSentB = 0;
        for (int round = 0; round < 200 && roundsWhereCSentB < 3; round++) {
            sent.clear();
            TransactionBatcher<String, String> batcher = new TransactionBatcher<>(1, 1, Duration.ZERO);
            CountDownLatch sendingA = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicReference<Thread> callerOfC = new AtomicReference<>();
            AtomicReference<Thread> callerOfB = new AtomicReference<>();
            TransactionBatcher.Sender<String, String> sender = items -> {
                if (items.equals(List.of("a"))) {
                    sendingA.countDown();
                    awaitRelease(release);
                }
                if (Thread.currentThread() == callerOfC.get()) {
                    throw new NoClassDefFoundError("the application is being undeployed");
                }
                return record(items);
            };
            Future<String> a = callers.submit(() -> batcher.submit("a", sender));
            assertTrue(sendingA.await(10, TimeUnit.SECONDS));
            Future<String> b = callers.submit(() -> {
                callerOfB.set(Thread.currentThread());
                return batcher.submit("b", sender);
            });
            awaitWaiting(callerOfB);
            Future<String> c = callers.submit(() -> {
                callerOfC.set(Thread.currentThread());
                return batcher.submit("c", sender);
            });
            awaitWaiting(callerOfC);
            release.countDown();

            assertEquals("done a", a.get(10, TimeUnit.SECONDS));
            ExecutionException failed = assertThrows(ExecutionException.class, () -> c.get(10, TimeUnit.SECONDS));
            assertTrue(failed.getCause() instanceof NoClassDefFoundError, failed.getCause().toString());
            callerOfC.set(null); // the pool may give its thread to the next caller
            try {
                assertEquals("done b", b.get(10, TimeUnit.SECONDS));
            } catch (ExecutionException bFailed) {
                assertTrue(bFailed.getCause() instanceof LedgerException, bFailed.getCause().toString());
                roundsWhereCSentB++;
            }
            assertEquals("done d", callers.submit(() -> batcher.submit("d", sender)).get(10, TimeUnit.SECONDS));
            assertFalse(sentItems().contains(List.of("c")), "c went to the chain after its caller saw the error: "
                    + sentItems());
        }
        assertTrue(roundsWhereCSentB > 0, "in no round did the caller of c send b");
    }

    /** Waits until the thread in {@code holder} waits (in the batcher), or for at most 5 s. */
    private static void awaitWaiting(AtomicReference<Thread> holder) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            Thread thread = holder.get();
            if (thread != null && (thread.getState() == Thread.State.WAITING
                    || thread.getState() == Thread.State.TIMED_WAITING)) {
                return;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("the caller never waited");
    }

    @Test
    void aNegativeOrOverlongIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TransactionBatcher<>(32, 8, Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> new TransactionBatcher<>(32, 8, Duration.ofDays(1)));
    }

    private List<String> record(List<String> items) throws LedgerException {
        sent.add(new Sent(List.copyOf(items), System.nanoTime()));
        return items.stream().map(item -> "done " + item).toList();
    }

    /** Submits each item from a caller of its own, all at once, and returns their answers in the items' order. */
    private List<String> submitTogether(TransactionBatcher<String, String> batcher, String... items) throws Exception {
        List<Future<String>> answers = new ArrayList<>();
        for (String item : items) {
            answers.add(callers.submit(() -> batcher.submit(item, this::record)));
        }
        List<String> answered = new ArrayList<>();
        for (Future<String> answer : answers) {
            answered.add(answer.get(30, TimeUnit.SECONDS));
        }
        return answered;
    }

    private static void awaitRelease(CountDownLatch release) throws LedgerException {
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new LedgerUnavailableException("the test never released the transaction", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while holding the transaction", e);
        }
    }

    private List<List<String>> sentItems() {
        synchronized (sent) {
            return sent.stream().map(Sent::items).toList();
        }
    }
}
