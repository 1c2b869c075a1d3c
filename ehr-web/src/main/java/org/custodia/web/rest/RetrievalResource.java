package org.custodia.web.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.records.RecordId;
import org.custodia.sharing.RetrievalService;
import org.custodia.web.dto.ProblemDetails;
import org.custodia.web.dto.RecordView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Fetches a record another hospital shared, through a proxy, and keeps it here. */
@Path("consortium-records")
@ApplicationScoped
@Tag(name = "Sharing")
@SecurityRequirement(name = CustodiaApi.BASIC)
public class RetrievalResource {

    @EJB
    private RetrievalService retrieval;

    @POST
    @Path("{recordId}/retrieval")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Retrieve a shared record through a proxy and keep it",
            description = "Checked in one pass (this hospital's key opens it, it authenticates, the original envelope "
                    + "is the one its custodian anchored) before it is kept; then GET /records/{recordId} and its "
                    + "content serve it like a local record, marked received. Roles: physician, nurse.")
    @APIResponse(responseCode = "201", description = "Retrieved and kept (or kept already, also by a request for "
            + "the same record that was under way: it is fetched once)",
            content = @Content(schema = @Schema(implementation = RecordView.class)))
    @APIResponse(responseCode = "400", description = "The id not a record id (64 lower-case hexadecimal digits), or a "
            + "record this hospital keeps itself", content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "no-grant, grant-revoked or grant-expired (or the caller's roles)",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "404", description = "No such record on chain, or its patient is not registered here",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "no-re-key: the custodian has not delivered the re-key yet; "
            + "or conflict: another retrieval of the record here has taken longer than 2 minutes so far",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "502", description = "custodian-unreachable, or integrity-failure; nothing kept",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "proxy-unreachable, the chain node is down, or unavailable: as many "
            + "retrievals run here as the node allows (Retry-After); nothing kept",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public Response retrieve(@PathParam("recordId") String recordId) {
        RecordView kept = RecordView.of(retrieval.retrieve(RecordId.given(recordId)));
        return Response.status(Response.Status.CREATED).entity(kept).build();
    }
}
