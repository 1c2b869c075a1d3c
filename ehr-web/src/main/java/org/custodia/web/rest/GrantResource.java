package org.custodia.web.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.custodia.sharing.ConsentService;
import org.custodia.web.dto.GrantCreation;
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

/** Grants this hospital issues as custodian: create, list per patient, revoke. */
@Path("grants")
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
public class GrantResource {

    @EJB
    private ConsentService consent;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant another hospital access to this hospital's records of a patient",
            description = "Its re-key reaches the proxies through the outbox. Roles: physician, privacy-officer.")
    @APIResponse(responseCode = "201", description = "Granted",
            content = @Content(schema = @Schema(implementation = GrantView.class)))
    public Response create(GrantCreation grant) {
        GrantCreation given = ConsentInput.body(grant, GrantCreation::new);
        GrantView created = GrantView.of(consent.grant(ConsentInput.givenPatientId(given.patientId), given.grantee,
                given.scope == null ? null : given.scope.toRequest(), given.purpose,
                ConsentInput.givenInstant(given.expiresAt, "expiresAt")));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The grants this hospital issued for a patient, newest first, a page at a time",
            description = "At most limit (1 to 200, default 100) grants; a Link header with rel=\"next\" gives the "
                    + "next, older page (before=<id>) while there may be one. Roles: physician, privacy-officer.")
    @APIResponse(responseCode = "200", headers = @Header(name = "Link", description = ListPaging.NEXT_PAGE,
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = GrantView.class, type = SchemaType.ARRAY)))
    public Response list(
            @Parameter(description = "the patient's id at this hospital", required = true,
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("patientId") String patientId,
            @Parameter(description = ListPaging.BEFORE_ENTRY, schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @QueryParam("before") String before,
            @Parameter(description = ListPaging.LIMIT,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = ListPaging.MAX_LIMIT))
            @QueryParam("limit") String limit,
            @Context UriInfo request) {
        ChainListPage.Window window = ListPaging.window(before, limit);
        return ListPaging.answer(consent.grants(ConsentInput.givenPatientId(patientId), window), GrantView::of,
                request);
    }

    @DELETE
    @Path("{id: " + ConsentInput.ENTRY_ID + "}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke a grant this hospital issued",
            description = "New retrievals are refused at once; the proxies lose the re-key unless another grant or "
                    + "emergency access still covers the patient and hospital. Roles: physician, privacy-officer.")
    @APIResponse(responseCode = "404", description = "This hospital issued no such grant",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "Already revoked",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public GrantView revoke(@PathParam("id") long id) {
        return GrantView.of(consent.revoke(id));
    }
}
