package org.custodia.web.rest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Optional;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * Refuses a JSON request body larger than {@value #MAX_BYTES} bytes with 413, before any of it is bound. Every JSON
 * body this API binds is a handful of fields, and it is read whole before the resource, and so the service's role
 * check, is reached: without a cap, any signed-in caller could make the node hold as much as it sent. A record's
 * content is streamed to its resource, whatever its media type, and is not affected.
 */
@Provider
public class JsonBodyLimit implements ReaderInterceptor {

    /** The largest JSON body read. */
    static final int MAX_BYTES = 64 * 1024;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (boundToObjects(context.getType()) && type != null && (MediaType.APPLICATION_JSON_TYPE.isCompatible(type)
                || type.getSubtype().endsWith("+json"))) {
            context.setInputStream(bounded(context.getInputStream(),
                    context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH)).orElseThrow(() ->
                    new WebApplicationException("a JSON body of this API is at most " + MAX_BYTES + " bytes",
                            Response.Status.REQUEST_ENTITY_TOO_LARGE)));
        }
        return context.proceed();
    }

    /**
     * Whether a body read as {@code type} is read whole (bound to objects, or into a string or an array), not streamed
     * to a resource as it comes: a record's content is streamed whatever its media type, a JSON document included.
     */
    static boolean boundToObjects(Class<?> type) {
        return !(InputStream.class.isAssignableFrom(type) || Reader.class.isAssignableFrom(type));
    }

    /**
     * The body, read whole if it is no larger than the cap; nothing if it declares, or turns out to be, larger (then
     * read no further than one byte past the cap).
     *
     * @param contentLength the header as sent, if it was
     */
    static Optional<InputStream> bounded(InputStream body, String contentLength) throws IOException {
        if (contentLength != null && declaredLength(contentLength) > MAX_BYTES) {
            return Optional.empty();
        }
        byte[] read = body.readNBytes(MAX_BYTES + 1);
        return read.length > MAX_BYTES ? Optional.empty() : Optional.of(new ByteArrayInputStream(read));
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1; // the container has refused a malformed length already
        }
    }
}
