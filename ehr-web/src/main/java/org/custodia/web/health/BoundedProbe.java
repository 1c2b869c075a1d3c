package org.custodia.web.health;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs one check at a time, however many probes ask at once, and answers within a time limit. Probes that arrive
 * while the check runs wait for that same run; a run that outlasts the limit is answered DOWN ("no answer within
 * ...") and goes on in the background, where the next probes find it instead of starting another. So a slow chain
 * node or database cannot make probes pile up calls, and a probe never waits longer than the limit.
 */
final class BoundedProbe {

    private final String name;
    private final Executor executor;
    private final Duration limit;
    private CompletableFuture<DependencyReport> running;

    BoundedProbe(String name, Executor executor, Duration limit) {
        this.name = name;
        this.executor = executor;
        this.limit = limit;
    }

    /** The report of a run started now, or of the run in progress. */
    DependencyReport report(Supplier<DependencyReport> check) {
        CompletableFuture<DependencyReport> run = join(check);
        try {
            return run.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return DependencyReport.down(name, "no answer within " + limit.toMillis() + " ms (the check goes on; "
                    + "custodia.health.probe-timeout)");
        } catch (ExecutionException e) {
            return DependencyReport.down(name, "check failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DependencyReport.down(name, "interrupted while checking");
        }
    }

    /** The run in progress, or a new one. */
    synchronized CompletableFuture<DependencyReport> join(Supplier<DependencyReport> check) {
        if (running == null || running.isDone()) {
            running = CompletableFuture.supplyAsync(check, executor);
        }
        return running;
    }
}
