package org.custodia.web.rest;

import java.util.List;
import java.util.UUID;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.consortium.ConsortiumDirectory;
import org.custodia.web.dto.ConsortiumRecordView;
import org.custodia.web.dto.ProblemDetails;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
    @Operation(summary = "A patient's records anywhere in the consortium, oldest first",
            description = "Every record anchored on chain under the patient's pseudonym, by any hospital: custodian, "
                    + "category, media type, when it was anchored and whether this node may read it now (as its "
                    + "custodian, or through a grant or emergency access; otherwise why not). Titles stay at the "
                    + "custodian. Roles: physician, nurse, privacy-officer.")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = ConsortiumRecordView.class, type = SchemaType.ARRAY)))
    public List<ConsortiumRecordView> list(@PathParam("patientId") UUID patientId) {
        return directory.recordsOf(patientId).stream().map(ConsortiumRecordView::of).toList();
    }
}
