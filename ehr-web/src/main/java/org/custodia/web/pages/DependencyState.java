package org.custodia.web.pages;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * One readiness check's answer as the status page shows it: its name, whether it is up, what is wrong if not, and
 * the facts it reports (URLs, paths, versions).
 */
public record DependencyState(String name, boolean up, String reason, List<Fact> facts) {

    private static final String REASON = "reason";

    static DependencyState of(HealthCheckResponse response) {
        Map<String, String> data = new TreeMap<>();
        response.getData().orElse(Map.of()).forEach((key, value) -> data.put(key, String.valueOf(value)));
        String reason = data.remove(REASON);
        return new DependencyState(response.getName(), response.getStatus() == HealthCheckResponse.Status.UP, reason,
                data.entrySet().stream().map(entry -> new Fact(entry.getKey(), entry.getValue())).toList());
    }

    /** One named value a check reports. */
    public record Fact(String name, String value) {
    }
}
