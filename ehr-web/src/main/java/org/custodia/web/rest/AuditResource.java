package org.custodia.web.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.custodia.audit.AuditFilter;
import org.custodia.kernel.Given;
import org.custodia.review.AuditReview;
import org.custodia.web.dto.AuditChainView;
import org.custodia.web.dto.AuditEntryView;
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

/** The node's audit trail, for privacy officers. */
@Path("audit")
@ApplicationScoped
@Tag(name = "Audit")
@SecurityRequirement(name = CustodiaApi.BASIC)
public class AuditResource {

    @EJB
    private AuditReview audit;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Audit entries, newest first, each with its chain evidence",
            description = "Role: privacy-officer. Every filter is optional; subject is matched exactly, and a "
                    + "patient id also finds every upload, read and download of the patient's records (their detail "
                    + "names the patient). At most limit entries (1 to 100, 100 when absent); when older ones match, "
                    + "the Link header's rel=\"next\" (RFC 8288) is the same search from before the last entry of "
                    + "this page. A page costs what it returns however long the trail, so no total is counted.")
    @APIResponse(responseCode = "200", headers = @Header(name = "Link", description = ListPaging.NEXT_PAGE,
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = AuditEntryView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "A time that is not an ISO-8601 instant, a limit outside 1-100, "
            + "a before that names no entry of this trail, or an offset (pages follow the Link header); audited, and "
            + "only once the caller's role allows the search",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Not a privacy officer (audited)",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public Response search(@Parameter(description = "a username, or a node's ledger address")
            @QueryParam("actor") String actor,
            @Parameter(description = "an action code, e.g. record.download") @QueryParam("action") String action,
            @Parameter(description = "what was acted on, matched exactly (a patient id also finds the entries whose "
                    + "detail names the patient)") @QueryParam("subject") String subject,
            @Parameter(description = "entries at or after this instant",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = "entries before this instant",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
            @Parameter(description = "only entries older than this one (its id): the before of the Link header's "
                    + "next page", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("before") String before,
            @Parameter(description = "at most this many entries, 1 to " + AuditReview.MAX_PAGE + "; "
                    + AuditReview.MAX_PAGE + " when absent", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "" + AuditReview.MAX_PAGE)) @QueryParam("limit") String limit,
            @Parameter(description = "refused: pages follow the Link header", deprecated = true)
            @QueryParam("offset") String offset,
            @Context UriInfo request) {
        Given<AuditFilter> filter = Given.read(() -> {
            if (offset != null) {
                throw new IllegalArgumentException("offset is not supported: a page goes on from its last entry; "
                        + "follow the Link header's rel=\"next\", or give before=<the id of the last entry seen>");
            }
            return new AuditFilter(actor, action, subject, instant("from", from), instant("to", to));
        });
        return ListPaging.answer(audit.search(filter, Given.read(() -> entryId(before)), Given.read(() ->
                ListPaging.limit(limit, AuditReview.MAX_PAGE, AuditReview.MAX_PAGE))), AuditEntryView::of, request);
    }

    @GET
    @Path("chain")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check the audit trail's hash chain",
            description = "Role: privacy-officer. Entries are sealed into a hash chain a few seconds after they are "
                    + "written; this walks the chain from its first entry to its head and reports the first entry "
                    + "changed or deleted since it was sealed, if any. The chain's head is anchored on chain from "
                    + "time to time: entries rewritten after an anchor (even with the hash chain rebuilt) are "
                    + "reported at the first anchored head they no longer match.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AuditChainView.class)))
    @APIResponse(responseCode = "403", description = "Not a privacy officer (audited)",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Another check runs on this node (one at a time); try again after "
            + "Retry-After (audited)", content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public AuditChainView verify() {
        return AuditChainView.of(audit.verify());
    }

    private static UUID entryId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("before must be the id of an audit entry, as the entries show it");
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-12-01T08:00:00Z");
        }
    }
}
