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

import org.custodia.sharing.ConsentService;
import org.custodia.sharing.Direction;
import org.custodia.web.dto.EmergencyAccessView;
import org.custodia.web.dto.EmergencyDeclaration;
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

/** Break-glass access: declared by a physician, time-limited, flagged, reviewed by another custodian. */
@Path("emergency-access")
@ApplicationScoped
@Tag(name = "Sharing")
@SecurityRequirement(name = CustodiaApi.BASIC)
@APIResponse(responseCode = "400", description = "A field is missing or malformed; nothing changed",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "403", description = "Not allowed (audited): the caller's roles, or a declarer reviewing "
        + "its own declaration", content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
@APIResponse(responseCode = "503", description = "The chain node cannot be reached; nothing changed, unless the "
        + "detail names a transaction that was sent and may still take effect",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
public class EmergencyAccessResource {

    @EJB
    private ConsentService consent;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Declare emergency access to all records of a patient at every custodian",
            description = "Allowed without consent, so it is flagged for review by the patient's other custodians. "
                    + "Refused while an earlier declaration of this hospital for the patient is active. "
                    + "Role: physician.")
    @APIResponse(responseCode = "201", description = "Declared",
            content = @Content(schema = @Schema(implementation = EmergencyAccessView.class)))
    @APIResponse(responseCode = "409", description = "An earlier declaration is still active",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public Response declare(EmergencyDeclaration declaration) {
        EmergencyDeclaration given = ConsentInput.body(declaration, EmergencyDeclaration::new);
        EmergencyAccessView declared = EmergencyAccessView.of(consent.declareEmergency(
                ConsentInput.givenPatientId(given.patientId),
                ConsentInput.givenWholeNumber(given.reasonCode, "reasonCode")));
        return Response.status(Response.Status.CREATED).entity(declared).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Emergency accesses declared here or for this hospital's patients, newest first, a page at a "
            + "time", description = "reviewed=false&direction=incoming gives the review queue: what other hospitals "
                    + "declared for this hospital's patients and it may review (a custodian of the patient, which "
                    + "anchored a record of them; a patient only registered here is left out). At most limit (1 to 200, default 100) "
                    + "entries; a Link header with rel=\"next\" gives the next, older page (before=<id>) while there "
                    + "may be one. Roles: physician, privacy-officer.")
    @APIResponse(responseCode = "200", headers = @Header(name = "Link", description = ListPaging.NEXT_PAGE,
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = EmergencyAccessView.class, type = SchemaType.ARRAY)))
    public Response list(
            @Parameter(description = "false: the review queue; true: those reviewed; all when absent",
                    schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("reviewed") String reviewed,
            @Parameter(description = "incoming: declared by other hospitals for this hospital's patients; outgoing: "
                    + "declared here; both when absent", schema = @Schema(enumeration = {"incoming", "outgoing"}))
            @QueryParam("direction") String direction,
            @Parameter(description = ListPaging.BEFORE_ENTRY, schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @QueryParam("before") String before,
            @Parameter(description = ListPaging.LIMIT,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = ListPaging.MAX_LIMIT))
            @QueryParam("limit") String limit,
            @Context UriInfo request) {
        return ListPaging.answer(consent.emergencies(direction(direction), ListPaging.flag("reviewed", reviewed),
                ListPaging.window(before, limit)), EmergencyAccessView::of, request);
    }

    private static Direction direction(String direction) {
        return switch (direction == null ? "" : direction.strip().toLowerCase(Locale.ROOT)) {
            case "" -> null;
            case "incoming" -> Direction.INCOMING;
            case "outgoing" -> Direction.OUTGOING;
            default -> throw new IllegalArgumentException("direction must be incoming or outgoing");
        };
    }

    @POST
    @Path("{id: " + ConsentInput.ENTRY_ID + "}/review")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark an emergency access reviewed",
            description = "Only a custodian of the patient other than the declarer. Role: privacy-officer.")
    @APIResponse(responseCode = "404", description = "No such emergency access",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "Already reviewed",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public EmergencyAccessView review(@PathParam("id") long id) {
        return EmergencyAccessView.of(consent.review(id));
    }
}
