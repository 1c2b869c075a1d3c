package org.custodia.web.dto;

import java.util.Map;
import java.util.TreeMap;

import org.custodia.web.health.DependencyReport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One readiness check with what the public health answer leaves out. */
@Schema(name = "Dependency")
public class DependencyView {

    @Schema(description = "The check: database, file-store or chain-node")
    public String name;
    @Schema(description = "UP or DOWN")
    public String status;
    @Schema(description = "What is wrong, in words an operator can act on; absent when UP")
    public String reason;
    @Schema(description = "Facts the check reports: URLs, the node's chain account, paths, versions")
    public Map<String, String> details;

    public static DependencyView of(DependencyReport report) {
        DependencyView view = new DependencyView();
        view.name = report.name();
        view.status = report.up() ? "UP" : "DOWN";
        view.reason = report.reason();
        view.details = new TreeMap<>(report.details());
        return view;
    }
}
