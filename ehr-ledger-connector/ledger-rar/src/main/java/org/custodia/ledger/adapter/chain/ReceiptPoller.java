package org.custodia.ledger.adapter.chain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Waits for the receipts of sent transactions, however many threads wait at once. One waiting thread at a time asks
 * the node, with one JSON-RPC batch naming every transaction still waited for; the others sleep until its answer
 * arrives. A round starts no sooner than the waiter's polling interval after the previous one ended. So the node
 * sees one request per interval instead of one per waiting transaction, which is what let throughput fall as
 * senders were added. A round the node did not answer, or answered with an error, is a missed poll: its waiters
 * wait on, and one whose time is up is told of the failure only when the last {@value #FAILED_ROUNDS_TO_REPORT}
 * rounds that asked for its transaction all failed.
 */
final class ReceiptPoller {

    private final ChainClient client;
    private final Object lock = new Object();
    private final Map<Bytes32, Integer> watched = new HashMap<>();
    private final Map<Bytes32, TransactionReceipt> found = new HashMap<>();
    /** Rounds in a row that must fail before a waiter whose time is up is told: one is a missed poll. */
    static final int FAILED_ROUNDS_TO_REPORT = 2;

    /** For each hash, the rounds in a row that asked for it and failed, and the last failure, until one answers. */
    private final Map<Bytes32, Failing> failed = new HashMap<>();
    private boolean polling;
    private long lastRoundEnded = System.nanoTime();

    ReceiptPoller(ChainClient client) {
        this.client = client;
    }

    /**
     * The receipt of {@code hash}, once the node has one, or empty when none came before {@code untilNanos}
     * ({@link System#nanoTime()} clock).
     *
     * @throws LedgerUnavailableException when the time is up and the node did not answer the last rounds that asked
     *                                    for it
     * @throws LedgerException            when the time is up and the node answered them with errors
     */
    Optional<TransactionReceipt> await(Bytes32 hash, Duration pollingInterval, long untilNanos)
            throws LedgerException {
        long interval = pollingInterval.toNanos();
        synchronized (lock) {
            watched.merge(hash, 1, Integer::sum);
        }
        try {
            while (true) {
                Set<Bytes32> round;
                synchronized (lock) {
                    round = awaitTurn(hash, interval, untilNanos);
                    if (round == null) {
                        return Optional.ofNullable(found.get(hash));
                    }
                }
                askNode(round);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while waiting for transaction " + hash, hash, e);
        } finally {
            synchronized (lock) {
                if (watched.merge(hash, -1, Integer::sum) == 0) {
                    watched.remove(hash);
                    found.remove(hash);
                    failed.remove(hash);
                }
            }
        }
    }

    /**
     * Under the lock: waits until the receipt is known (null returned), the time is up (null), or it is this
     * thread's turn to ask the node (the hashes to ask for returned).
     */
    private Set<Bytes32> awaitTurn(Bytes32 hash, long interval, long untilNanos)
            throws LedgerException, InterruptedException {
        while (true) {
            if (found.containsKey(hash)) {
                return null;
            }
            long now = System.nanoTime();
            if (now - untilNanos >= 0) {
                Failing failing = failed.get(hash);
                if (failing != null && failing.rounds() >= FAILED_ROUNDS_TO_REPORT) {
                    throw failing.last();
                }
                return null;
            }
            long due = lastRoundEnded + interval;
            if (!polling && now - due >= 0) {
                polling = true;
                Set<Bytes32> round = new LinkedHashSet<>(watched.keySet());
                round.removeAll(found.keySet());
                return round;
            }
            long wake = polling ? untilNanos : Math.min(due, untilNanos);
            TimeUnit.NANOSECONDS.timedWait(lock, Math.max(wake - now, 1));
        }
    }

    private void askNode(Set<Bytes32> round) {
        Map<Bytes32, TransactionReceipt> receipts = new HashMap<>();
        LedgerException failure = null;
        try {
            BatchRequest batch = client.web3j().newBatch();
            for (Bytes32 hash : round) {
                batch.add(client.web3j().ethGetTransactionReceipt(hash.toString()));
            }
            List<Response<?>> answers = new ArrayList<>(client.sendBatch("read the receipts of " + round.size()
                    + " transactions", batch).getResponses());
            for (Response<?> answer : answers) {
                if (answer.hasError()) {
                    throw new LedgerException("chain node " + client.shownUrl() + " refused to give a receipt: "
                            + answer.getError().getMessage());
                }
                ((EthGetTransactionReceipt) answer).getTransactionReceipt()
                        .ifPresent(receipt -> receipts.put(Bytes32.fromHex(receipt.getTransactionHash()), receipt));
            }
        } catch (LedgerException | RuntimeException e) {
            failure = e instanceof LedgerException ledger ? ledger
                    : new LedgerException("chain node " + client.shownUrl() + " gave receipts that cannot be read: "
                            + e.getMessage(), e);
        } finally {
            // also after an Error: the round ends, or no one would poll again
            synchronized (lock) {
                polling = false;
                lastRoundEnded = System.nanoTime();
                for (Bytes32 hash : round) {
                    if (!watched.containsKey(hash)) {
                        continue;
                    }
                    if (failure != null) {
                        LedgerException last = failure;
                        failed.merge(hash, new Failing(1, last),
                                (before, now) -> new Failing(before.rounds() + 1, last));
                        continue;
                    }
                    failed.remove(hash);
                    if (receipts.containsKey(hash)) {
                        found.put(hash, receipts.get(hash));
                    }
                }
                lock.notifyAll();
            }
        }
    }

    /** Rounds in a row that failed for a transaction, and the last of their failures. */
    private record Failing(int rounds, LedgerException last) {
    }
}
