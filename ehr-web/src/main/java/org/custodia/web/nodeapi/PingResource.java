package org.custodia.web.nodeapi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.custodia.kernel.NodeRole;
import org.custodia.web.dto.NodeCallerView;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /node-api/v1/ping}: answers a signed call from any member with the caller as this node verified it, so
 * operators can test a link between two nodes (clocks, membership, public URLs) without touching any record.
 */
@Path("ping")
@ApplicationScoped
public class PingResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @SignedNodeCall({NodeRole.HOSPITAL, NodeRole.PROXY})
    @Operation(hidden = true)
    public NodeCallerView ping(@Context HttpServletRequest request) {
        return NodeCallerView.of(SignedNodeCallFilter.caller(request));
    }
}
