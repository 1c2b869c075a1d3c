package org.custodia.web.nodeapi;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.custodia.kernel.NodeRole;
import org.custodia.sharing.EnvelopeRelease;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /node-api/v1/records/{recordId}/metadata}: another hospital that may read one of this hospital's
 * records (this node's own chain check) gets its title and creation time, which never go on chain, as
 * {@code {"recordId":…,"title":…,"createdAt":…}}.
 */
@Path("records/{recordId}/metadata")
@ApplicationScoped
public class MetadataResource {

    @EJB
    private EnvelopeRelease release;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @SignedNodeCall(NodeRole.HOSPITAL)
    @Operation(hidden = true)
    public String metadata(@PathParam("recordId") String recordId, @Context HttpServletRequest request) {
        EnvelopeRelease.ReleasedMetadata metadata = release.metadata(SignedNodeCallFilter.caller(request), recordId);
        return Json.createObjectBuilder()
                .add("recordId", metadata.recordId())
                .add("title", metadata.title())
                .add("createdAt", metadata.createdAt().toString())
                .build().toString();
    }
}
