package org.custodia.web.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.custodia.records.RecordId;
import org.custodia.records.RecordPage;
import org.custodia.records.RecordService;
import org.custodia.web.dto.ProblemDetails;
import org.custodia.web.dto.RecordView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A patient's health records: upload (physicians, nurses) and listing (also privacy officers). */
@Path("patients/{patientId}/records")
@ApplicationScoped
@Tag(name = "Records")
@SecurityRequirement(name = CustodiaApi.BASIC)
@APIResponse(responseCode = "401", description = "Not signed in",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "403", description = "The caller's roles do not allow it (audited)",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "404", description = "No such patient",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
public class PatientRecordsResource {

    @EJB
    private RecordService records;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a record",
            description = "The request body is the document itself, streamed (any size, never buffered whole), with "
                    + "its media type as Content-Type; the category is a query parameter, the title the "
                    + RecordTitleHeader.NAME + " header (never in the URL, which proxies log). The body is "
                    + "encrypted under the patient's PRE key into the file store and the record is anchored on chain "
                    + "(anchorStatus anchored), or queued and anchored automatically once the chain node answers "
                    + "(pending). Roles: physician, nurse.")
    @RequestBody(description = "the document", required = true,
            content = @Content(mediaType = MediaType.WILDCARD, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "201", description = "Stored",
            content = @Content(schema = @Schema(implementation = RecordView.class)))
    @APIResponse(responseCode = "400", description = "The patient id not a UUID in its canonical form, category, "
            + "title or content type missing or malformed, a title in the URL, a body that ended before its "
            + "Content-Length, or one that arrived more slowly than 1 KiB/s over 30 s (audited as refused; nothing "
            + "stored)",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "Larger than custodia.records.max-size-mb, or declared larger by "
            + "Content-Length (then refused before the body is read); nothing was stored",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "507", description = "The file store is full; nothing was stored",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "As many uploads as the file store allows are in progress "
            + "(custodia.filestore.max-concurrent-writes), or a dependency is down; nothing was stored. Retry after "
            + "the Retry-After header's seconds when it is present",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public Response upload(
            @PathParam("patientId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            String patientId,
            @QueryParam("category") @Parameter(description = "category code, e.g. laboratory", required = true)
            String category,
            @HeaderParam(RecordTitleHeader.NAME) @Parameter(description = RecordTitleHeader.DESCRIPTION,
                    required = true) String title,
            @QueryParam("title") @Parameter(hidden = true) String titleInUrl,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) @Parameter(hidden = true) String contentLength,
            InputStream content) throws IOException {
        RecordView stored = RecordView.of(records.upload(ConsentInput.givenPatientId(patientId), category,
                RecordTitleHeader.given(title, titleInUrl), contentType, declaredLength(contentLength), content));
        return Response.created(URI.create("records/" + stored.id)).entity(stored).build();
    }

    /** The body's length as its sender declared it; -1 when it did not (chunked) or the header is not a number. */
    private static long declaredLength(String contentLength) {
        try {
            return contentLength == null ? -1 : Long.parseLong(contentLength.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A patient's records kept here, newest first, a page at a time",
            description = "The records stored here and those received from other hospitals, newest first by when "
                    + "each was kept here. At most limit (1 to 200, default 100); a Link header with rel=\"next\" "
                    + "gives the next, older page (before=<the id of this page's last record>) while there is one. "
                    + "Roles: physician, nurse, privacy-officer.")
    @APIResponse(responseCode = "200", headers = @Header(name = "Link", description = ListPaging.NEXT_PAGE,
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = RecordView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "The patient id not a UUID in its canonical form, limit malformed "
            + "or out of range, or before not the id of a record of this patient kept here",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public Response list(
            @PathParam("patientId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            String patientId,
            @Parameter(description = "only records kept before this one (its id, 64 hex digits): the before of the "
                    + "Link header's next page") @QueryParam("before") String before,
            @Parameter(description = "at most this many records, 1 to " + RecordPage.MAX_LIMIT + "; "
                    + RecordPage.DEFAULT_LIMIT + " when absent", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "" + RecordPage.MAX_LIMIT)) @QueryParam("limit") String limit,
            @Context UriInfo request) {
        return ListPaging.answer(records.list(ConsentInput.givenPatientId(patientId), recordId(before),
                ListPaging.limit(limit, RecordPage.DEFAULT_LIMIT, RecordPage.MAX_LIMIT)), RecordView::of, request);
    }

    private static RecordId recordId(String before) {
        if (before == null || before.isBlank()) {
            return null;
        }
        try {
            return RecordId.parse(before);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("before must be the id of a record (64 hex digits), as a page shows it");
        }
    }
}
