package org.custodia.web.nodeapi;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;
import org.custodia.web.dto.ProblemDetails;
import org.custodia.web.rest.ServiceExceptionMapper;

/**
 * A service's refusal or failure on the node API: refusals as on the staff API, with their explanation for the calling
 * member; a failure of something this node depends on (its chain node, database or key custody) only as a 503 with a
 * reference into this node's log, so that another member learns to call again, not what this node runs on.
 */
@Provider
public class NodeApiServiceExceptionMapper implements ExceptionMapper<ServiceException> {

    private static final Logger LOG = Logger.getLogger(NodeApiServiceExceptionMapper.class.getName());

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(ServiceException e) {
        return toResponse(e, uri.getRequestUri().getPath());
    }

    private static Response toResponse(ServiceException e, String instance) {
        return e.failure() == Failure.UNAVAILABLE ? NodeCallProblems.response(unavailable(e, instance))
                : ServiceExceptionMapper.problem(e, instance);
    }

    /** The answer to a dependency's failure; its message goes to this node's log under the answer's reference. */
    static ProblemDetails unavailable(ServiceException e, String instance) {
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.WARNING, "Node call {0} could not be served (reference {1}): {2}",
                new Object[] {instance, reference, e.getMessage()});
        return NodeCallProblems.cannotServe(reference, instance);
    }
}
