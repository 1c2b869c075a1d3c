package org.custodia.web.rest;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.custodia.ledger.journal.ChainEventJournal;
import org.custodia.web.dto.ChainEventView;
import org.custodia.web.dto.ProblemDetails;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The access contracts' events as this node received them. */
@Path("chain-events")
@ApplicationScoped
@Tag(name = "Chain events")
@SecurityRequirement(name = CustodiaApi.BASIC)
@APIResponse(responseCode = "401", description = "Not signed in",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE,
                schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "403", description = "The caller's roles do not allow it (audited)",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE,
                schema = @Schema(implementation = ProblemDetails.class)))
public class ChainEventResource {

    private static final int DEFAULT_LIMIT = 100;

    @EJB
    private ChainEventJournal journal;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The newest contract events the node received, newest first, with how often each was"
            + " delivered", description = "Roles: privacy-officer, admin.")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = ChainEventView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "limit malformed or outside 1 to " + ChainEventJournal.MAX_PAGE,
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public List<ChainEventView> latest(@Parameter(description = "how many events, 1 to " + ChainEventJournal.MAX_PAGE
            + "; " + DEFAULT_LIMIT + " when absent", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
            maximum = "" + ChainEventJournal.MAX_PAGE)) @QueryParam("limit") String limit) {
        return journal.latest(ListPaging.limit(limit, DEFAULT_LIMIT, ChainEventJournal.MAX_PAGE)).stream()
                .map(ChainEventView::of).toList();
    }
}
