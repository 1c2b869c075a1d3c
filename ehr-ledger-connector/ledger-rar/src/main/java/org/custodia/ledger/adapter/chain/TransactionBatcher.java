package org.custodia.ledger.adapter.chain;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.custodia.ledger.api.ContractRefusalException;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;

/**
 * Gathers concurrent calls of one contract function into shared transactions (group commit): record anchors into
 * {@code anchorBatch}, access logs into {@code logAccessBatch}. Without a {@code minInterval}: when no transaction of
 * this batcher is on its way, an item goes out at once, in a transaction of its own. Otherwise it waits, and goes out
 * with the items that waited with it, up to {@code maxBatch} in one transaction, in a transaction beside the ones on
 * their way (at most {@code maxInFlight}): as soon as a full batch is waiting, or once the oldest has waited half a
 * typical round trip (send to receipt, a moving average), or else when a transaction on its way is done. So a lone
 * item is never delayed; under load one transaction carries many, and a single account gets many more items on chain
 * per second than the chain mines blocks; and on a chain with slow blocks, items that arrive while one transaction
 * waits for its block mostly still make that block.
 *
 * <p>With a {@code minInterval}, for items nobody waits for: unless a full batch is waiting, a transaction starts no
 * sooner than {@code minInterval} after the previous one, and only once its oldest item has waited a tenth of
 * {@code minInterval} for companions (so that callers coming back together from one transaction go out together in
 * the next). This batcher then starts at most one transaction per interval unless full batches wait (the halves of a
 * refused batch follow at once), and the chain mines fewer, fuller blocks.
 *
 * <p>Every waiting caller may send the next batch, so no item depends on a caller that has gone; a caller whose
 * sending ends in an {@link Error} takes its own item out of the queue if it is still there (one already in another
 * caller's transaction may reach the chain, as after any failure that may come once it was sent). The contracts apply
 * a batch all or nothing: when a batch is refused, its halves are sent again, down to single items, so that each
 * caller gets its own answer (typically one refusal and the others done). A batch that may or may not have reached
 * the chain gives every caller the same {@link LedgerUnavailableException} naming its transaction; once that is mined,
 * all of its items are on chain.
 *
 * @param <I> what a caller wants on chain
 * @param <R> what the caller gets back once it is
 */
final class TransactionBatcher<I, R> {

    /** Sends one transaction for {@code items} (one, or a batch), waits for it and answers each item, in order. */
    @FunctionalInterface
    interface Sender<I, R> {
        List<R> send(List<I> items) throws LedgerException;
    }

    private static final Duration LONGEST_INTERVAL = Duration.ofMinutes(1);

    private final int maxBatch;
    private final int maxInFlight;
    private final long minIntervalNanos;
    /** How long the oldest item waits for companions before a transaction starts: a tenth of the interval. */
    private final long gatherNanos;
    private final Object lock = new Object();
    private final ArrayDeque<Waiting<I, R>> queue = new ArrayDeque<>();
    private int inFlight;
    /** Recent time from sending a transaction to its answer (nanoseconds, moving average); 0 until the first. */
    private long typicalRoundTrip;
    /**
     * When the latest transaction started ({@link System#nanoTime()}); at first one interval before the batcher was
     * made, so that the first item waits only for companions.
     */
    private long lastStart;

    TransactionBatcher(int maxBatch, int maxInFlight, Duration minInterval) {
        if (maxBatch < 1 || maxInFlight < 1 || minInterval.isNegative()
                || minInterval.compareTo(LONGEST_INTERVAL) > 0) {
            throw new IllegalArgumentException("batch size and transactions in flight must be at least 1 and the "
                    + "interval between transactions from 0 to " + LONGEST_INTERVAL + ", got " + maxBatch + ", "
                    + maxInFlight + " and " + minInterval);
        }
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
        this.minIntervalNanos = minInterval.toNanos();
        this.gatherNanos = minIntervalNanos / 10;
        this.lastStart = System.nanoTime() - minIntervalNanos;
    }

    /** Puts {@code item} on chain, alone or in a batch, and returns its answer. */
    R submit(I item, Sender<I, R> sender) throws LedgerException {
        Waiting<I, R> mine = new Waiting<>(item);
        synchronized (lock) {
            queue.add(mine);
        }
        while (true) {
            List<Waiting<I, R>> batch = new ArrayList<>();
            synchronized (lock) {
                while (!mine.settled && !mayStartTransaction(System.nanoTime())) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(lock, waitLeft(System.nanoTime()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        if (queue.remove(mine)) {
                            throw new LedgerUnavailableException("interrupted before " + item
                                    + " was sent to the chain; nothing was sent", e);
                        }
                        // not an unavailability: the batch it is in may be on chain (SentTransactions)
                        throw new LedgerException("interrupted while " + item
                                + " was being sent to the chain; it may be on chain", e);
                    }
                }
                if (mine.settled) {
                    return mine.outcome();
                }
                inFlight++;
                lastStart = System.nanoTime();
                while (!queue.isEmpty() && batch.size() < maxBatch) {
                    batch.add(queue.poll());
                }
            }
            long started = System.nanoTime();
            try {
                send(batch, sender);
            } catch (Error e) {
                synchronized (lock) {
                    // this caller gets the error: its item, if still queued, was never sent and must not be later
                    queue.remove(mine);
                }
                throw e;
            } finally {
                long took = System.nanoTime() - started;
                synchronized (lock) {
                    inFlight--;
                    typicalRoundTrip = typicalRoundTrip == 0 ? took : typicalRoundTrip + (took - typicalRoundTrip) / 4;
                    lock.notifyAll();
                }
            }
        }
    }

    /** Under the lock: whether a waiting caller sends the next transaction now. */
    private boolean mayStartTransaction(long now) {
        if (queue.isEmpty() || inFlight >= maxInFlight) {
            return false;
        }
        return queue.size() >= maxBatch || now - readyAt() >= 0;
    }

    /** Under the lock: how long, in nanoseconds, a waiting caller waits before it looks again (at least 1 ms). */
    private long waitLeft(long now) {
        if (queue.isEmpty() || inFlight >= maxInFlight) {
            return Long.MAX_VALUE / 2;
        }
        return Math.max(readyAt() - now, TimeUnit.MILLISECONDS.toNanos(1));
    }

    /**
     * Under the lock, with items waiting: when ({@link System#nanoTime()}) a transaction that is not full may start:
     * the interval since the latest start has passed, the oldest item has waited for companions, and, beside a
     * transaction on its way, for half a round trip.
     */
    private long readyAt() {
        long oldest = queue.peek().queuedAt;
        long ready = later(lastStart + minIntervalNanos, oldest + gatherNanos);
        return inFlight > 0 ? later(ready, oldest + linger()) : ready;
    }

    /** The later of two {@link System#nanoTime()} values, compared by their difference as the clock may wrap. */
    private static long later(long a, long b) {
        return a - b >= 0 ? a : b;
    }

    /** How long an item waits for others before it goes out beside a transaction on its way: half a round trip. */
    private long linger() {
        return typicalRoundTrip / 2;
    }

    /**
     * Sends {@code batch}; when the contract refuses it, sends each half again the same way, so the refused items
     * are singled out (a refusal comes from the gas estimate, before a nonce is used) and the others still share.
     * An {@link Error} on the way settles every item not settled yet as failed before it goes on: the items are out
     * of the queue, and their callers would otherwise wait for ever.
     */
    private void send(List<Waiting<I, R>> batch, Sender<I, R> sender) {
        try {
            sendOrSplit(batch, sender);
        } catch (Error e) {
            LedgerException failure = new LedgerException("sending " + batch.size() + " items to the chain failed: "
                    + e, e);
            synchronized (lock) {
                for (Waiting<I, R> waiting : batch) {
                    if (!waiting.settled) {
                        waiting.failure = failure;
                        waiting.settled = true;
                    }
                }
                lock.notifyAll();
            }
            throw e;
        }
    }

    private void sendOrSplit(List<Waiting<I, R>> batch, Sender<I, R> sender) {
        try {
            settle(batch, sender.send(batch.stream().map(Waiting::item).toList()), null);
        } catch (ContractRefusalException refused) {
            if (batch.size() == 1) {
                settle(batch, null, refused);
            } else {
                sendOrSplit(batch.subList(0, batch.size() / 2), sender);
                sendOrSplit(batch.subList(batch.size() / 2, batch.size()), sender);
            }
        } catch (LedgerException e) {
            settle(batch, null, e);
        } catch (RuntimeException e) {
            settle(batch, null, new LedgerException("sending " + batch.size() + " items to the chain failed: " + e,
                    e));
        }
    }

    private void settle(List<Waiting<I, R>> batch, List<R> results, LedgerException failure) {
        if (results != null && results.size() != batch.size()) {
            failure = new LedgerException("the chain answered " + results.size() + " of " + batch.size()
                    + " items sent in one transaction");
        }
        synchronized (lock) {
            for (int i = 0; i < batch.size(); i++) {
                Waiting<I, R> waiting = batch.get(i);
                waiting.result = failure == null ? results.get(i) : null;
                waiting.failure = failure;
                waiting.settled = true;
            }
            lock.notifyAll();
        }
    }

    /** An item and, once settled, its outcome; fields guarded by the batcher's lock. */
    private static final class Waiting<I, R> {
        private final I item;
        private final long queuedAt = System.nanoTime();
        private boolean settled;
        private R result;
        private LedgerException failure;

        Waiting(I item) {
            this.item = item;
        }

        I item() {
            return item;
        }

        R outcome() throws LedgerException {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}
