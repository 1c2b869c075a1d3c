package org.custodia.outbox;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The outbox's attempts waiting for one of a fixed number of threads, at most a fixed number of them, each command
 * at most once while it waits. A command that finds the queue full stays due in the outbox, and the worker's timer
 * offers it again; so however many commands are queued at once (thousands of uploads in a minute), the attempts never
 * take more threads, or more ledger connections, than this queue has. Offering is cheap enough for a request thread:
 * unlike a managed executor's task, an attempt captures no context when it is queued.
 */
final class AttemptQueue {

    private final ThreadPoolExecutor threads;
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final Consumer<String> attempt;

    /**
     * Starts the threads at once, so that none is made on a request's thread (a thread factory may give a thread the
     * context of the thread that asks for it).
     *
     * @param threadCount how many attempts run at once
     * @param capacity    how many commands may wait for a thread
     * @param factory     makes the threads (the container's managed thread factory)
     * @param attempt     one attempt at the command with this id; what it throws is lost, so it handles its failures
     */
    AttemptQueue(int threadCount, int capacity, ThreadFactory factory, Consumer<String> attempt) {
        this.attempt = Objects.requireNonNull(attempt, "attempt");
        this.threads = new ThreadPoolExecutor(threadCount, threadCount, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity), factory);
        this.threads.prestartAllCoreThreads();
    }

    /**
     * Queues an attempt at the command, unless one is waiting already.
     *
     * @return false if the queue is full or stopped: nothing was queued, and the command waits for the timer
     */
    boolean offer(String id) {
        if (!waiting.add(id)) {
            return true;
        }
        try {
            threads.execute(() -> {
                // from here on an offer queues the command again: this attempt may have read it before the change
                waiting.remove(id);
                attempt.accept(id);
            });
            return true;
        } catch (RejectedExecutionException e) {
            waiting.remove(id);
            return false;
        }
    }

    /** How many more commands may be queued now. */
    int room() {
        return threads.getQueue().remainingCapacity();
    }

    /** Drops the attempts still waiting (their commands stay due) and ends each thread once its attempt is done. */
    void stop() {
        threads.shutdown();
        threads.getQueue().clear();
        waiting.clear();
    }
}
