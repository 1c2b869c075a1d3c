package org.custodia.web.rest;

import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.kernel.StaffRole;
import org.custodia.staff.NewStaffMember;
import org.custodia.staff.StaffDirectory;
import org.custodia.web.dto.ProblemDetails;
import org.custodia.web.dto.StaffAccountRequest;
import org.custodia.web.dto.StaffView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Staff accounts, managed by administrators. */
@Path("staff")
@RequestScoped
@Tag(name = "Staff")
@SecurityRequirement(name = CustodiaApi.BASIC)
public class StaffResource {

    @EJB
    private StaffDirectory staff;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a staff account", description = "Role: admin.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = StaffView.class)))
    @APIResponse(responseCode = "400", description = "Username, display name, password or roles invalid",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "Not signed in",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Not an administrator (audited)",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "Username taken; nothing changed",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public Response create(StaffAccountRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body with username, displayName, password and roles is "
                    + "required");
        }
        char[] password = request.password == null ? new char[0] : request.password.toCharArray();
        StaffView created;
        try {
            created = StaffView.of(staff.create(new NewStaffMember(request.username, request.displayName, password,
                    roles(request.roles))));
        } finally {
            Arrays.fill(password, '\0');
        }
        return Response.created(URI.create("staff/" + created.username)).entity(created).build();
    }

    private static Set<StaffRole> roles(List<String> names) {
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        if (names != null) {
            names.forEach(name -> roles.add(StaffRole.parse(name)));
        }
        return roles;
    }
}
