package org.custodia.web.rest;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Anything else: 500 problem details with a reference the operator finds in the server log (where the exception
 * is), and no internals in the response.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(Exception e) {
        String reference = UUID.randomUUID().toString();
        String path = uri.getRequestUri().getPath();
        LOG.log(Level.SEVERE, "Request " + path + " failed (reference " + reference + ")", e);
        return Problems.response(500, "internal", "Internal error",
                "the request failed; the server log has the details under reference " + reference, path);
    }
}
