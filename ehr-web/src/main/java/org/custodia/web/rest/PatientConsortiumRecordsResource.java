package org.custodia.web.rest;


import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.custodia.consortium.ConsortiumDirectory;
import org.custodia.web.dto.ConsortiumRecordView;
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

/** Discovery: a patient's records anchored on chain by any hospital of the consortium. */
@Path("patients/{patientId}/consortium-records")
@ApplicationScoped
@Tag(name = "Consortium")
@SecurityRequirement(name = CustodiaApi.BASIC)
@APIResponse(responseCode = "401", description = "Not signed in",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "403", description = "The caller's roles do not allow it (audited)",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "404", description = "No such patient, or this node is a proxy",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
@APIResponse(responseCode = "503", description = "The chain node does not answer",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
public class PatientConsortiumRecordsResource {

    @EJB
    private ConsortiumDirectory directory;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A patient's records anywhere in the consortium, newest first, a page at a time",
            description = "The records anchored on chain under the patient's pseudonym, by any hospital: custodian, "
                    + "category, media type, when it was anchored and whether this node may read it now (as its "
                    + "custodian, or through a grant or emergency access; otherwise why not). Titles stay at the "
                    + "custodian. kept=false gives only the records this node keeps neither as its own nor as a "
                    + "received copy (what could be retrieved), kept=true only those it keeps. At most limit (1 to "
                    + "200, default 100) records, each read from the chain; a Link header with rel=\"next\" gives "
                    + "the next, older page (before=<number>) while there is one. With kept, a page reads at most "
                    + "10,000 ids of the patient's list, so it may hold fewer than limit records, even none, while a "
                    + "next page follows. "
                    + "Roles: physician, nurse, privacy-officer.")
    @APIResponse(responseCode = "200", headers = @Header(name = "Link", description = ListPaging.NEXT_PAGE,
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ConsortiumRecordView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "The patient id not a UUID in its canonical form, or kept, before "
            + "or limit malformed or out of range",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    public Response list(
            @PathParam("patientId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            String patientId,
            @Parameter(description = "false: only records this node keeps neither as its own nor as a copy; true: "
                    + "only those it keeps; all when absent", schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("kept") String kept,
            @Parameter(description = ListPaging.BEFORE_ENTRY, schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @QueryParam("before") String before,
            @Parameter(description = ListPaging.LIMIT,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = ListPaging.MAX_LIMIT))
            @QueryParam("limit") String limit,
            @Context UriInfo request) {
        return ListPaging.answer(directory.recordsOf(ConsentInput.givenPatientId(patientId),
                ListPaging.flag("kept", kept),
                ListPaging.window(before, limit)), ConsortiumRecordView::of, request);
    }
}
