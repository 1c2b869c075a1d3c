package org.custodia.web.rest;

import java.io.IOException;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.custodia.records.OpenedRecord;
import org.custodia.records.RecordDetails;
import org.custodia.records.RecordId;
import org.custodia.records.RecordService;
import org.custodia.web.dto.ProblemDetails;
import org.custodia.web.dto.RecordView;
import org.custodia.web.security.ServedContentType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One record: metadata with anchor status (physicians, nurses, privacy officers) and content (physicians, nurses). */
@Path("records")
@ApplicationScoped
@Tag(name = "Records")
@SecurityRequirement(name = CustodiaApi.BASIC)
@APIResponse(responseCode = "401", description = "Not signed in",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "403", description = "The caller's roles do not allow it (audited)",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "400", description = "The id not a record id (64 lower-case hexadecimal digits; audited as "
        + "refused)", content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
@APIResponse(responseCode = "404", description = "No such record",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
public class RecordResource {

    @EJB
    private RecordService records;

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A record's metadata and anchor status",
            description = "Roles: physician, nurse, privacy-officer.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RecordView.class)))
    public RecordView details(@PathParam("id") String id) {
        return RecordView.of(records.details(RecordId.given(id)));
    }

    @GET
    @Path("{id}/content")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download a record's content",
            description = "The record's anchor is checked on chain; the stored envelope is decrypted in one pass, each "
                    + "segment authenticated before it is sent and the whole envelope checked against the recorded "
                    + "and anchored SHA-256 (records up to 1 MiB completely before the first byte). Always an "
                    + "attachment; HTML, SVG, XML and script types are sent as application/octet-stream (the "
                    + "record's contentType keeps the declared type). Roles: physician, nurse.")
    @APIResponse(responseCode = "200", description = "The document",
            content = @Content(mediaType = MediaType.WILDCARD))
    @APIResponse(responseCode = "422", description = "The stored envelope was tampered with or is missing; refused "
            + "and audited", content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "The chain node cannot confirm the record's anchor",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public Response content(@PathParam("id") String id) throws IOException {
        OpenedRecord opened = records.open(RecordId.given(id));
        StreamingOutput body = out -> {
            try (opened) {
                opened.writeTo(out);
            }
        };
        try {
            return contentHeaders(Response.ok(body), opened.details());
        } catch (RuntimeException e) {
            // never sent: its plaintext or key is wiped here, not left to the garbage collector
            opened.close();
            throw e;
        }
    }

    /**
     * The download's headers without its content: the record's metadata is read (audited as such), nothing is
     * decrypted or checked, so the GET may still refuse what this answers (a privacy officer, who may read the
     * metadata but not the content; a tampered envelope; an anchor the chain cannot confirm). Without it, JAX-RS
     * answers a HEAD with the GET: the record was opened and audited as downloaded.
     */
    @HEAD
    @Path("{id}/content")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "A record's download headers (type, length, file name), without its content",
            description = "Roles: physician, nurse, privacy-officer.")
    public Response contentHead(@PathParam("id") String id) {
        return contentHeaders(Response.ok(), records.details(RecordId.given(id)));
    }

    private static Response contentHeaders(Response.ResponseBuilder response, RecordDetails content) {
        return response.type(ServedContentType.of(content.contentType()))
                .header(HttpHeaders.CONTENT_LENGTH, content.size())
                .header("Content-Disposition", "attachment; filename=\"" + content.id() + "\"")
                .build();
    }
}
