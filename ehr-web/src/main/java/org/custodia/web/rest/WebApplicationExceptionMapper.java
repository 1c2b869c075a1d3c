package org.custodia.web.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS's own errors (unknown path, wrong method or media type, unreadable JSON) as problem details. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        Response.StatusType status = original.getStatusInfo();
        Response problem = Problems.response(status.getStatusCode(), "http-" + status.getStatusCode(),
                status.getReasonPhrase(), e.getMessage(), uri.getRequestUri().getPath());
        Response.ResponseBuilder copy = Response.fromResponse(problem);
        original.getHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name)) {
                values.forEach(value -> copy.header(name, value));
            }
        });
        return copy.build();
    }
}
