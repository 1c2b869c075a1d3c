package org.custodia.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/** Threads for code under test that runs work beside its caller: daemons, so a test run never waits for them. */
public final class TestThreads {

    private static final ExecutorService POOL = Executors.newCachedThreadPool(daemons());

    private TestThreads() {
    }

    /** Makes daemon threads. */
    public static ThreadFactory daemons() {
        return task -> {
            Thread thread = new Thread(task, "test-background");
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Waits for {@code latch} up to 30 s, failing the test after that or when interrupted. */
    public static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never released the latch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A pool of daemon threads shared by the tests of one JVM. */
    public static ExecutorService pool() {
        return POOL;
    }
}
