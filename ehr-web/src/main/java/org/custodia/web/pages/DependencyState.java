package org.custodia.web.pages;

import java.util.List;
import java.util.TreeMap;

import org.custodia.web.health.DependencyReport;

/**
 * One readiness check's answer as the status page shows it: its name, whether it is up, what is wrong if not, and
 * the facts it reports (URLs, paths, versions).
 */
public record DependencyState(String name, boolean up, String reason, List<Fact> facts) {

    static DependencyState of(DependencyReport report) {
        return new DependencyState(report.name(), report.up(), report.reason(),
                new TreeMap<>(report.details()).entrySet().stream()
                        .map(entry -> new Fact(entry.getKey(), entry.getValue())).toList());
    }

    /** One named value a check reports. */
    public record Fact(String name, String value) {
    }
}
