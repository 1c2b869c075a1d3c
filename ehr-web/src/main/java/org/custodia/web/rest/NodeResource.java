package org.custodia.web.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.custodia.node.NodeStatusService;
import org.custodia.web.dto.NodeStatusView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** This node's identity and state. */
@Path("node")
@ApplicationScoped
@Tag(name = "Node")
public class NodeResource {

    @EJB
    private NodeStatusService nodeStatus;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This node's name, role, version and schema version")
    public NodeStatusView status() {
        return NodeStatusView.of(nodeStatus.status());
    }
}
