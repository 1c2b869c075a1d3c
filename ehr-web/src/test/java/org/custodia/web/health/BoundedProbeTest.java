package org.custodia.web.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedProbeTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void stop() {
        release.countDown();
        executor.shutdownNow();
    }

    @Test
    void aCheckThatHangsIsAnsweredDownWithinTheLimit() {
        BoundedProbe probe = new BoundedProbe("chain-node", executor, Duration.ofMillis(200));

        long started = System.nanoTime();
        DependencyReport report = probe.report(blocked());
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertFalse(report.up());
        assertTrue(report.reason().contains("no answer within 200 ms"), report.reason());
        assertTrue(tookMillis < 5_000, "answered after " + tookMillis + " ms");
    }

    @Test
    void probesArrivingWhileACheckRunsShareThatRun() throws Exception {
        BoundedProbe probe = new BoundedProbe("database", executor, Duration.ofSeconds(30));
        Supplier<DependencyReport> check = blocked();

        CompletableFuture<DependencyReport> first = probe.join(check);
        for (int i = 0; i < 7; i++) {
            assertSame(first, probe.join(check));
        }
        release.countDown();

        assertTrue(first.get(10, TimeUnit.SECONDS).up());
        assertEquals(1, runs.get(), "eight probes, one check");
    }

    @Test
    void aRunThatTimedOutIsJoinedByTheNextProbeAndAFinishedOneIsNotReused() throws Exception {
        BoundedProbe probe = new BoundedProbe("file-store", executor, Duration.ofMillis(100));
        Supplier<DependencyReport> check = blocked();

        assertFalse(probe.report(check).up());
        assertFalse(probe.report(check).up());
        assertEquals(1, runs.get(), "the second probe waited for the first run instead of starting another");

        CompletableFuture<DependencyReport> first = probe.join(check);
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertTrue(probe.report(check).up());
        assertEquals(2, runs.get(), "a probe after a finished run checks again: no stale answer");
    }

    @Test
    void aCheckThatThrowsIsDownWithItsReason() {
        BoundedProbe probe = new BoundedProbe("database", executor, Duration.ofSeconds(10));

        DependencyReport report = probe.report(() -> {
            throw new IllegalStateException("pool closed");
        });

        assertFalse(report.up());
        assertTrue(report.reason().contains("pool closed"), report.reason());
    }

    /** A check that counts its runs and answers UP once released. */
    private Supplier<DependencyReport> blocked() {
        return () -> {
            runs.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new DependencyReport("check", true, null, Map.of());
        };
    }
}
