package org.custodia.web.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.proxy.ProxyStatusService;
import org.custodia.web.dto.ProblemDetails;
import org.custodia.web.dto.ProxyStatusView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A proxy node's status for its administrators. */
@Path("proxy")
@ApplicationScoped
@Tag(name = "Proxy")
@SecurityRequirement(name = CustodiaApi.BASIC)
@APIResponse(responseCode = "401", description = "Not signed in",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE,
                schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "403", description = "The caller's roles do not allow it (audited)",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE,
                schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "404", description = "This node is a hospital: the status is served by proxy nodes",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
public class ProxyStatusResource {

    @EJB
    private ProxyStatusService proxy;

    @GET
    @Path("status")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The proxy's re-keys and re-encryption counters",
            description = "Re-keys held (from the database), and since the last start (counters reset at a restart) "
                    + "the re-encryptions served, those that broke off after their access was logged, and the "
                    + "refusals by reason. Role: admin.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProxyStatusView.class)))
    public ProxyStatusView status() {
        return ProxyStatusView.of(proxy.status());
    }
}
