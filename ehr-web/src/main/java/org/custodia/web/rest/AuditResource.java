package org.custodia.web.rest;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.custodia.access.AuditReview;
import org.custodia.web.dto.AuditEntryView;
import org.custodia.web.dto.ProblemDetails;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The node's audit trail, for privacy officers. */
@Path("audit")
@RequestScoped
@Tag(name = "Audit")
@SecurityRequirement(name = CustodiaApi.BASIC)
public class AuditResource {

    @EJB
    private AuditReview audit;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The newest audit entries first", description = "Role: privacy-officer.")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = AuditEntryView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "403", description = "Not a privacy officer (audited)",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public List<AuditEntryView> latest(@QueryParam("limit") @DefaultValue("100") int limit) {
        return audit.latest(limit).stream().map(AuditEntryView::of).toList();
    }
}
