package org.custodia.web.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A readiness check on one thing the node depends on. The public {@code /health} answer names the check and says
 * UP or DOWN, nothing more: the reason and the facts (URLs, accounts, paths) are for administrators
 * ({@link #report()}: the status page and {@code GET /api/health}). A check runs at most once at a time and a probe
 * waits for it at most {@code custodia.health.probe-timeout} ({@link BoundedProbe}). It logs one line when the
 * state changes (not on every probe), so an outage is neither silent nor a flood.
 */
public abstract class DependencyCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DependencyCheck.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    private ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "custodia.health.probe-timeout")
    private Duration probeTimeout;

    private final AtomicReference<String> lastProblem = new AtomicReference<>("");
    private ExecutorService executor;
    private BoundedProbe probe;

    /**
     * Each check runs on a thread of its own: on the server's shared executor, long-running application tasks could
     * hold a probe back past its time limit. One thread suffices, as a check runs at most once at a time.
     */
    @PostConstruct
    void createProbe() {
        executor = Executors.newSingleThreadExecutor(threads);
        probe = new BoundedProbe(name(), executor, probeTimeout);
    }

    @PreDestroy
    void stopProbe() {
        executor.shutdownNow();
    }

    /** Name under which the check appears in {@code /health}. */
    protected abstract String name();

    /** What is wrong, or {@code null} when the dependency is usable. Must not throw. */
    protected abstract String problem();

    /** Non-secret facts that help an operator (paths, URLs without credentials). */
    protected abstract Map<String, String> details();

    /** Public readiness: the check's name and state alone. */
    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(name()).status(report().up()).build();
    }

    /** The state with its reason and facts, for administrators. */
    public DependencyReport report() {
        return probe.report(this::examine);
    }

    private DependencyReport examine() {
        String problem;
        try {
            problem = problem();
        } catch (RuntimeException e) {
            problem = "check failed: " + e;
        }
        logTransition(problem);
        return new DependencyReport(name(), problem == null, problem, details());
    }

    private void logTransition(String problem) {
        String now = problem == null ? "" : problem;
        String before = lastProblem.getAndSet(now);
        if (!now.equals(before)) {
            if (problem == null) {
                LOG.info(() -> name() + " is UP again");
            } else {
                LOG.warning(() -> name() + " is DOWN: " + problem);
            }
        }
    }
}
