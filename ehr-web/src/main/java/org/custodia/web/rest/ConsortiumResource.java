package org.custodia.web.rest;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.consortium.ConsortiumDirectory;
import org.custodia.web.dto.ConsortiumMemberView;
import org.custodia.web.dto.ProblemDetails;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The consortium as registered on chain, for every staff role of a hospital node. */
@Path("consortium")
@ApplicationScoped
@Tag(name = "Consortium")
@SecurityRequirement(name = CustodiaApi.BASIC)
@APIResponse(responseCode = "401", description = "Not signed in",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "404", description = "This node is a proxy: discovery is served by hospital nodes",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
@APIResponse(responseCode = "503", description = "The chain node does not answer",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
public class ConsortiumResource {

    @EJB
    private ConsortiumDirectory directory;

    @GET
    @Path("members")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The consortium's members",
            description = "Every member registered on chain: ledger address, role, display name, endpoint, whether "
                    + "it published a PRE public key and whether it is this node. Roles: physician, nurse, clerk, "
                    + "privacy-officer, admin.")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = ConsortiumMemberView.class, type = SchemaType.ARRAY)))
    public List<ConsortiumMemberView> members() {
        return directory.members().stream().map(ConsortiumMemberView::of).toList();
    }
}
