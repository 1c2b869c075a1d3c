package org.custodia.web.rest;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.custodia.kernel.Failure;
import org.custodia.persistence.DatabaseOutage;

/**
 * Anything else. A request body that is not the JSON the resource reads is a 400; a database out of reach a 503
 * ({@link DatabaseOutage}); otherwise 500 problem details. Either failure carries a reference the operator finds in
 * the server log (where the exception is), and no internals in the response.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(Exception e) {
        String path = uri.getRequestUri().getPath();
        if (isUnreadableJson(e)) {
            // the parser's message may quote the body (a password, PHI): not repeated
            return Problems.of(Failure.INVALID, "the request body is not the JSON document this request expects",
                    path);
        }
        String reference = UUID.randomUUID().toString();
        if (DatabaseOutage.causedBy(e)) {
            DatabaseOutage.log(LOG, "Request " + path + " failed", reference, e);
            return Problems.of(Failure.UNAVAILABLE, DatabaseOutage.detail(reference), path);
        }
        LOG.log(Level.SEVERE, "Request " + path + " failed (reference " + reference + ")", e);
        return Problems.response(Problems.INTERNAL.status(), Problems.INTERNAL.type(), Problems.INTERNAL.title(),
                "the request failed; the server log has the details under reference " + reference, path);
    }

    private static boolean isUnreadableJson(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JsonbException || cause instanceof JsonException) {
                return true;
            }
        }
        return false;
    }
}
