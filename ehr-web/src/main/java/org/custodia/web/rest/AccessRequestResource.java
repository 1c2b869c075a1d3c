package org.custodia.web.rest;

import java.util.Locale;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.custodia.kernel.ChainListPage;
import org.custodia.sharing.AccessRequestDetails;
import org.custodia.sharing.ConsentService;
import org.custodia.web.dto.AccessRequestCreation;
import org.custodia.web.dto.AccessRequestView;
import org.custodia.web.dto.ApprovalRequest;
import org.custodia.web.dto.GrantView;
import org.custodia.web.dto.ProblemDetails;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Access requests between hospitals: sent by this hospital's staff, or decided here as the custodian. */
@Path("access-requests")
@ApplicationScoped
@Tag(name = "Sharing")
@SecurityRequirement(name = CustodiaApi.BASIC)
@APIResponse(responseCode = "400", description = "A field is missing or malformed; nothing changed",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "403", description = "The caller's roles do not allow it (audited)",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
@APIResponse(responseCode = "503", description = "The chain node cannot be reached; nothing changed, unless the "
        + "detail names a transaction that was sent and may still take effect",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
public class AccessRequestResource {

    @EJB
    private ConsentService consent;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask another hospital for access to its records of a patient",
            description = "Sends the request to the consent registry. Roles: physician, nurse.")
    @APIResponse(responseCode = "201", description = "Requested",
            content = @Content(schema = @Schema(implementation = AccessRequestView.class)))
    public Response create(AccessRequestCreation request) {
        AccessRequestCreation given = ConsentInput.body(request, AccessRequestCreation::new);
        AccessRequestView created = AccessRequestView.of(consent.requestAccess(
                ConsentInput.givenPatientId(given.patientId), given.custodian,
                given.scope == null ? null : given.scope.toRequest(), given.purpose));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Requests to this hospital (incoming) or from it (outgoing), newest first, a page at a time",
            description = "At most limit (1 to 200, default 100) requests; a Link header with rel=\"next\" gives the "
                    + "next, older page (before=<id>) while there may be one. "
                    + "Roles: incoming physician, privacy-officer; outgoing physician, nurse, privacy-officer.")
    @APIResponse(responseCode = "200", headers = @Header(name = "Link", description = ListPaging.NEXT_PAGE,
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = AccessRequestView.class, type = SchemaType.ARRAY)))
    public Response list(
            @Parameter(description = "incoming: requests to this hospital; outgoing: requests it sent",
                    required = true, schema = @Schema(enumeration = {"incoming", "outgoing"}))
            @QueryParam("direction") String direction,
            @Parameter(description = "only requests in this state; all when absent",
                    schema = @Schema(enumeration = {"pending", "approved", "denied"}))
            @QueryParam("status") String status,
            @Parameter(description = ListPaging.BEFORE_ENTRY, schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @QueryParam("before") String before,
            @Parameter(description = ListPaging.LIMIT,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = ListPaging.MAX_LIMIT))
            @QueryParam("limit") String limit,
            @Context UriInfo request) {
        String wanted = direction == null ? "" : direction.strip().toLowerCase(Locale.ROOT);
        ChainListPage.Window window = ListPaging.window(before, limit);
        ChainListPage<AccessRequestDetails> page = switch (wanted) {
            case "incoming" -> consent.incomingRequests(status, window);
            case "outgoing" -> consent.outgoingRequests(status, window);
            default -> throw new IllegalArgumentException("direction must be incoming or outgoing");
        };
        return ListPaging.answer(page, AccessRequestView::of, request);
    }

    @POST
    @Path("{id: " + ConsentInput.ENTRY_ID + "}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve a pending request to this hospital",
            description = "Issues a grant until expiresAt; its re-key reaches the proxies through the outbox. "
                    + "Roles: physician, privacy-officer.")
    @APIResponse(responseCode = "200", description = "The grant issued",
            content = @Content(schema = @Schema(implementation = GrantView.class)))
    @APIResponse(responseCode = "404", description = "No such request to this hospital",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "The request is already decided",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public GrantView approve(@PathParam("id") long id, ApprovalRequest approval) {
        return GrantView.of(consent.approve(id, ConsentInput.givenInstant(
                ConsentInput.body(approval, ApprovalRequest::new).expiresAt, "expiresAt")));
    }

    @POST
    @Path("{id: " + ConsentInput.ENTRY_ID + "}/deny")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deny a pending request to this hospital", description = "Roles: physician, privacy-officer.")
    @APIResponse(responseCode = "404", description = "No such request to this hospital",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "The request is already decided",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public AccessRequestView deny(@PathParam("id") long id) {
        return AccessRequestView.of(consent.deny(id));
    }
}
