package org.custodia.web.rest;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.kernel.Given;
import org.custodia.kernel.StaffRole;
import org.custodia.staff.NewStaffMember;
import org.custodia.staff.StaffDirectory;
import org.custodia.staff.Username;
import org.custodia.web.dto.PasswordChangeRequest;
import org.custodia.web.dto.PasswordResetRequest;
import org.custodia.web.dto.ProblemDetails;
import org.custodia.web.dto.StaffAccountRequest;
import org.custodia.web.dto.StaffRolesRequest;
import org.custodia.web.dto.StaffView;
import org.custodia.web.security.StaffSession;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Staff accounts: managed by administrators, each password by its owner. */
@Path("staff")
@ApplicationScoped
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
        char[] password = chars(request == null ? null : request.password);
        StaffView created;
        try {
            created = StaffView.of(staff.create(Given.read(() -> {
                if (request == null) {
                    throw new IllegalArgumentException("a JSON body with username, displayName, password and roles "
                            + "is required");
                }
                return new NewStaffMember(request.username, request.displayName, password, roles(request.roles));
            })));
        } finally {
            Arrays.fill(password, '\0');
        }
        return Response.created(URI.create("staff/" + created.username)).entity(created).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every staff account, by username", description = "Role: admin.")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = StaffView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "403", description = "Not an administrator (audited)",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public List<StaffView> list() {
        return staff.list().stream().map(StaffView::of).toList();
    }

    @GET
    @Path("{username}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One staff account", description = "Role: admin. Where a created account's Location points.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StaffView.class)))
    @APIResponse(responseCode = "403", description = "Not an administrator (audited)",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such account",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public StaffView find(@PathParam("username") String username) {
        return StaffView.of(staff.find(Username.given(username)));
    }

    @PUT
    @Path("{username}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an account's roles",
            description = "Role: admin. The admin role cannot be combined with another; an administrator cannot take "
                    + "it from their own account. Open sessions of the account follow at their next request.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StaffView.class)))
    @APIResponse(responseCode = "400", description = "No role, an unknown role, or admin with another role",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such account",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "Would take the admin role from the caller's own account",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public StaffView changeRoles(@PathParam("username") String username, StaffRolesRequest request) {
        return StaffView.of(staff.changeRoles(Username.given(username), Given.read(() -> {
            if (request == null || request.roles == null) {
                throw new IllegalArgumentException("a JSON body with roles is required");
            }
            return roles(request.roles);
        })));
    }

    @POST
    @Path("{username}/disable")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Disable an account",
            description = "Role: admin. It can no longer sign in and its open sessions end; its audit trail stays.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StaffView.class)))
    @APIResponse(responseCode = "404", description = "No such account",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "The caller's own account",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public StaffView disable(@PathParam("username") String username) {
        return StaffView.of(staff.disable(Username.given(username)));
    }

    @POST
    @Path("{username}/enable")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enable a disabled account", description = "Role: admin.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StaffView.class)))
    @APIResponse(responseCode = "404", description = "No such account",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public StaffView enable(@PathParam("username") String username) {
        return StaffView.of(staff.enable(Username.given(username)));
    }

    @PUT
    @Path("{username}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new password for an account",
            description = "Role: admin. The account must replace it at its next sign-in before doing anything else.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StaffView.class)))
    @APIResponse(responseCode = "400", description = "Password shorter than 12 characters",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such account",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public StaffView resetPassword(@PathParam("username") String username, PasswordResetRequest request) {
        char[] password = chars(request == null ? null : request.password);
        try {
            return StaffView.of(staff.resetPassword(Username.given(username), password));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @PUT
    @Path("me/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change your own password",
            description = "Any role; the one call an account whose password an administrator set may make.")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", description = "Current password missing (not counted as a failed sign-in), "
            + "or the new one too short or equal to the current one",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "The current password is not correct (audited; counts as a "
            + "failed sign-in of the account)", content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "429", description = "Too many failed password checks for the account: not checked; "
            + "Retry-After says when to try again", content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public Response changeOwnPassword(PasswordChangeRequest request, @Context HttpServletRequest http) {
        char[] current = chars(request == null ? null : request.currentPassword);
        char[] replacement = chars(request == null ? null : request.newPassword);
        Instant changedAt;
        try {
            changedAt = staff.changeOwnPassword(current, replacement);
        } finally {
            Arrays.fill(current, '\0');
            Arrays.fill(replacement, '\0');
        }
        // a page's script calling with its session: the session goes on, as after the password page
        StaffSession.passwordChanged(http, changedAt);
        return Response.noContent().build();
    }

    private static char[] chars(String text) {
        return text == null ? new char[0] : text.toCharArray();
    }

    /** The roles named; an unknown one is refused without repeating what was sent (it ends up in the audit trail). */
    private static Set<StaffRole> roles(List<String> names) {
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        if (names != null) {
            for (String name : names) {
                try {
                    roles.add(StaffRole.parse(name));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("roles holds an unknown staff role; expected physician, nurse, "
                            + "clerk, privacy-officer or admin");
                }
            }
        }
        return roles;
    }
}
