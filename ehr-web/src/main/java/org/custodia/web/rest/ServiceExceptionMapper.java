package org.custodia.web.rest;

import java.time.Duration;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.custodia.kernel.BusyException;
import org.custodia.kernel.ServiceException;
import org.custodia.staff.SignInThrottledException;

/**
 * A service's refusal or failure as problem details, with the status its kind of failure calls for, and a
 * {@code Retry-After} when the node is busy ({@link BusyException}: file-store writes, retrievals) or password checks
 * of the account are locked ({@link SignInThrottledException}).
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
        Duration retryAfter = e instanceof BusyException busy ? busy.retryAfter()
                : e instanceof SignInThrottledException throttled ? throttled.retryAfter() : null;
        if (retryAfter != null) {
            return Response.fromResponse(problem)
                    .header(HttpHeaders.RETRY_AFTER, Math.max(1, retryAfter.toSeconds()))
                    .build();
        }
        return problem;
    }
}
