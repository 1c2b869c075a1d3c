package org.custodia.web.rest;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.custodia.kernel.ServiceException;

/** A service's refusal or failure as problem details, with the status its kind of failure calls for. */
@Provider
public class ServiceExceptionMapper implements ExceptionMapper<ServiceException> {

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(ServiceException e) {
        return Problems.of(e.failure(), e.getMessage(), uri.getRequestUri().getPath());
    }
}
