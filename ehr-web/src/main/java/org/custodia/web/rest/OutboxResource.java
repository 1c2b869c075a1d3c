package org.custodia.web.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.node.OutboxStatus;
import org.custodia.web.dto.OutboxView;
import org.custodia.web.dto.ProblemDetails;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The node's outbox for its administrators. */
@Path("outbox")
@ApplicationScoped
@Tag(name = "Node")
@SecurityRequirement(name = CustodiaApi.BASIC)
@APIResponse(responseCode = "401", description = "Not signed in",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE,
                schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "403", description = "The caller's roles do not allow it (audited)",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE,
                schema = @Schema(implementation = ProblemDetails.class)))
public class OutboxResource {

    @EJB
    private OutboxStatus outbox;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What waits to leave the node, and what keeps failing",
            description = "The outbox holds what must leave the node exactly once: anchors and other chain "
                    + "transactions, re-keys for the proxies, consent look-ups. Per kind, how many commands wait, are "
                    + "due, under an attempt, failing and in conflict; and the failing commands with their last "
                    + "error, those in conflict (which can never take effect as they stand: an operator must "
                    + "investigate) first. Audited as node.status.read. Role: admin.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OutboxView.class)))
    public OutboxView outbox() {
        return OutboxView.of(outbox.overview());
    }
}
