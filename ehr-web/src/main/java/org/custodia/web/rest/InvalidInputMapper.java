package org.custodia.web.rest;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.custodia.kernel.Failure;

/**
 * Input the resources could not turn into the services' value types (their constructors refuse it with a message
 * naming the field) as 400 problem details.
 */
@Provider
public class InvalidInputMapper implements ExceptionMapper<IllegalArgumentException> {

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(IllegalArgumentException e) {
        return Problems.of(Failure.INVALID, e.getMessage(), uri.getRequestUri().getPath());
    }
}
