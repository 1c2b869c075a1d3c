package org.custodia.web.nodeapi;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.custodia.kernel.BusyException;
import org.custodia.kernel.ServiceException;
import org.custodia.web.dto.ProblemDetails;
import org.custodia.web.rest.ServiceExceptionMapper;

/**
 * A service's refusal or failure on the node API: refusals as on the staff API, with their explanation for the calling
 * member; a failure of something this node depends on (its chain node, database or key custody) only as a 503 with a
 * reference into this node's log, so that another member learns to call again, not what this node runs on; a
 * custodian a proxy cannot reach as a 502 with such a reference, for the same reason.
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
        if (e instanceof BusyException) {
            // a limit of this node's, which names nothing of its network: said as it is, with its Retry-After
            return ServiceExceptionMapper.problem(e, instance);
        }
        return switch (e.failure()) {
            case UNAVAILABLE -> NodeCallProblems.response(unavailable(e, instance));
            case CUSTODIAN_UNREACHABLE -> NodeCallProblems.response(custodianUnreachable(e, instance));
            default -> ServiceExceptionMapper.problem(e, instance);
        };
    }

    /** The answer to a dependency's failure; its message goes to this node's log under the answer's reference. */
    static ProblemDetails unavailable(ServiceException e, String instance) {
        return NodeCallProblems.cannotServe(logged(e, instance), instance);
    }

    /** The answer when a proxy cannot reach a record's custodian; the reason goes to this node's log. */
    static ProblemDetails custodianUnreachable(ServiceException e, String instance) {
        return NodeCallProblems.custodianUnreachable(logged(e, instance), instance);
    }

    /**
     * Logs the failure under a new reference and returns it. A custodian's answer or a network error names what this
     * node reached (a member may point its endpoint at an address inside this node's network), so it stays here.
     */
    private static String logged(ServiceException e, String instance) {
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.WARNING, "Node call {0} could not be served (reference {1}): {2}",
                new Object[] {instance, reference, e.getMessage()});
        return reference;
    }
}
