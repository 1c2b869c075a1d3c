package org.custodia.ledger.adapter.chain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.custodia.ledger.api.ContractRefusalException;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.ledger.api.TransactionResult;

/**
 * Gathers record anchors into shared transactions (group commit). When no anchor transaction is on its way, an
 * anchor goes out at once. Otherwise it waits, and goes out with the anchors that waited with it, up to
 * {@code maxBatch} in one {@code anchorBatch} transaction: as soon as a full batch is waiting (while fewer than
 * {@code maxInFlight} transactions are on their way), or else when the transaction on its way is done. So a lone
 * anchor is never delayed, and under load one transaction carries many anchors: a single account then anchors many
 * more records per second than the chain mines blocks, and on a chain with slow blocks several full batches share
 * each block.
 *
 * <p>Every waiting caller may send the next batch, so no anchor depends on a caller that has gone. The contract
 * anchors a batch all or nothing: when a batch is refused, each of its anchors is sent again on its own, so that each
 * caller gets its own answer (typically one {@code AlreadyAnchored} and the others anchored). A batch that may or may
 * not have reached the chain gives every caller the same {@link LedgerUnavailableException} naming its transaction;
 * once that is mined, all of its anchors are.
 */
final class AnchorBatcher {

    /** Sends one transaction anchoring {@code anchors} (one, or a batch) and waits for it. */
    @FunctionalInterface
    interface Sender {
        TransactionResult send(List<RecordAnchor> anchors) throws LedgerException;
    }

    private final int maxBatch;
    private final int maxInFlight;
    private final Object lock = new Object();
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private int inFlight;

    AnchorBatcher(int maxBatch, int maxInFlight) {
        if (maxBatch < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("batch size and transactions in flight must be at least 1, got "
                    + maxBatch + " and " + maxInFlight);
        }
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
    }

    /** Anchors {@code anchor}, alone or in a batch, and returns the transaction that did. */
    TransactionResult anchor(RecordAnchor anchor, Sender sender) throws LedgerException {
        Waiting mine = new Waiting(anchor);
        synchronized (lock) {
            queue.add(mine);
        }
        while (true) {
            List<Waiting> batch = new ArrayList<>();
            synchronized (lock) {
                while (!mine.settled && !mayStartTransaction()) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        if (queue.remove(mine)) {
                            throw new LedgerUnavailableException("interrupted before record " + anchor.recordId()
                                    + " was sent to be anchored; nothing was sent", e);
                        }
                        throw new LedgerUnavailableException("interrupted while record " + anchor.recordId()
                                + " was being anchored; it may be anchored", e);
                    }
                }
                if (mine.settled) {
                    return mine.outcome();
                }
                inFlight++;
                while (!queue.isEmpty() && batch.size() < maxBatch) {
                    batch.add(queue.poll());
                }
            }
            try {
                send(batch, sender);
            } finally {
                synchronized (lock) {
                    inFlight--;
                    lock.notifyAll();
                }
            }
        }
    }

    /** Under the lock: whether a waiting caller sends the next transaction now. */
    private boolean mayStartTransaction() {
        return !queue.isEmpty() && (inFlight == 0 || inFlight < maxInFlight && queue.size() >= maxBatch);
    }

    private void send(List<Waiting> batch, Sender sender) {
        if (batch.size() == 1) {
            sendAlone(batch.get(0), sender);
            return;
        }
        try {
            TransactionResult result = sender.send(batch.stream().map(Waiting::anchor).toList());
            settle(batch, result, null);
        } catch (ContractRefusalException refused) {
            for (Waiting waiting : batch) {
                sendAlone(waiting, sender);
            }
        } catch (LedgerException e) {
            settle(batch, null, e);
        } catch (RuntimeException e) {
            settle(batch, null, new LedgerException("anchoring " + batch.size() + " records failed: " + e, e));
        }
    }

    private void sendAlone(Waiting waiting, Sender sender) {
        try {
            settle(List.of(waiting), sender.send(List.of(waiting.anchor())), null);
        } catch (LedgerException e) {
            settle(List.of(waiting), null, e);
        } catch (RuntimeException e) {
            settle(List.of(waiting), null, new LedgerException("anchoring record " + waiting.anchor().recordId()
                    + " failed: " + e, e));
        }
    }

    private void settle(List<Waiting> batch, TransactionResult result, LedgerException failure) {
        synchronized (lock) {
            for (Waiting waiting : batch) {
                waiting.result = result;
                waiting.failure = failure;
                waiting.settled = true;
            }
            lock.notifyAll();
        }
    }

    /** An anchor and, once settled, its outcome; fields guarded by the batcher's lock. */
    private static final class Waiting {
        private final RecordAnchor anchor;
        private boolean settled;
        private TransactionResult result;
        private LedgerException failure;

        Waiting(RecordAnchor anchor) {
            this.anchor = anchor;
        }

        RecordAnchor anchor() {
            return anchor;
        }

        TransactionResult outcome() throws LedgerException {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}
