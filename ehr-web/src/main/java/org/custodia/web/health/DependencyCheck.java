package org.custodia.web.health;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * A readiness check on one thing the node depends on. It reports DOWN with a {@code reason} an operator can act
 * on, and logs one line when the state changes (not on every probe), so an outage is neither silent nor a flood.
 */
abstract class DependencyCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DependencyCheck.class.getName());

    private final AtomicReference<String> lastProblem = new AtomicReference<>("");

    /** Name under which the check appears in {@code /health}. */
    protected abstract String name();

    /** What is wrong, or {@code null} when the dependency is usable. Must not throw. */
    protected abstract String problem();

    /** Non-secret facts that help an operator (paths, URLs without credentials). */
    protected abstract Map<String, String> details();

    @Override
    public final HealthCheckResponse call() {
        String problem;
        try {
            problem = problem();
        } catch (RuntimeException e) {
            problem = "check failed: " + e;
        }
        logTransition(problem);
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name()).status(problem == null);
        details().forEach(response::withData);
        if (problem != null) {
            response.withData("reason", problem);
        }
        return response.build();
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
