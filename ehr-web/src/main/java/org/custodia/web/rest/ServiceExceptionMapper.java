package org.custodia.web.rest;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.custodia.kernel.BusyException;
import org.custodia.kernel.ServiceException;

/**
 * A service's refusal or failure as problem details, with the status its kind of failure calls for, and when the node
 * is busy ({@link BusyException}: file-store writes, retrievals) a {@code Retry-After}.
 */
@Provider
public class ServiceExceptionMapper implements ExceptionMapper<ServiceException> {

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(ServiceException e) {
        return problem(e, uri.getRequestUri().getPath());
    }

    /** The response for {@code e} to the request for {@code instance}. */
    public static Response problem(ServiceException e, String instance) {
        Response problem = Problems.of(e.failure(), e.getMessage(), instance);
        if (e instanceof BusyException busy) {
            return Response.fromResponse(problem)
                    .header(HttpHeaders.RETRY_AFTER, Math.max(1, busy.retryAfter().toSeconds()))
                    .build();
        }
        return problem;
    }
}
