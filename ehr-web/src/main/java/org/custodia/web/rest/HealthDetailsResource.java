package org.custodia.web.rest;

import java.util.Comparator;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.access.AccessPolicy;
import org.custodia.audit.AuditedAction;
import org.custodia.web.dto.DependencyView;
import org.custodia.web.dto.ProblemDetails;
import org.custodia.web.health.DependencyCheck;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The readiness checks with their reasons and facts, for administrators; the public {@code /health/ready} says UP or
 * DOWN per check and nothing more.
 */
@Path("health")
@RequestScoped // unlike the other resources: the checks it takes from Instance live as long as the resource does
@Tag(name = "Node")
@SecurityRequirement(name = CustodiaApi.BASIC)
@APIResponse(responseCode = "401", description = "Not signed in",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE,
                schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "403", description = "The caller's roles do not allow it (audited)",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE,
                schema = @Schema(implementation = ProblemDetails.class)))
public class HealthDetailsResource {

    @EJB
    private AccessPolicy policy;

    @Inject
    @Readiness
    private Instance<DependencyCheck> checks;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Each readiness check with its reason and facts",
            description = "The database, the file store and the chain node: UP or DOWN, what is wrong, and the facts "
                    + "each reports (chain URL and account, directories, schema version). Each check is answered "
                    + "within custodia.health.probe-timeout. Role: admin.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DependencyView.class)))
    public List<DependencyView> dependencies() {
        policy.require(AuditedAction.NODE_STATUS_READ, null);
        return checks.stream().map(check -> DependencyView.of(check.report()))
                .sorted(Comparator.comparing(view -> view.name)).toList();
    }
}
