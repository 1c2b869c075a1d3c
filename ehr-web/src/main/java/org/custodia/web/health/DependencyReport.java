package org.custodia.web.health;

import java.util.Map;

/**
 * What one readiness check found: whether the dependency is usable, what is wrong if not, and non-secret facts an
 * administrator can act on (URLs, paths, versions). Only administrators see more than the status: the public
 * {@code /health} answer carries the name and UP/DOWN alone.
 */
public record DependencyReport(String name, boolean up, String reason, Map<String, String> details) {

    public DependencyReport {
        details = Map.copyOf(details);
    }

    static DependencyReport down(String name, String reason) {
        return new DependencyReport(name, false, reason, Map.of());
    }
}
