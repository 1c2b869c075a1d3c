package org.custodia.web.nodeapi;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;

import org.custodia.kernel.NodeRole;
import org.custodia.nodeapi.ForwardedCall;
import org.custodia.sharing.EnvelopeRelease;
import org.custodia.web.ClosedAtRequestEnd;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /node-api/v1/records/{recordId}/envelope?accessor=…}: a proxy fetches the stored envelope of one of
 * this hospital's records to re-encrypt it for the accessor, once the accessor's own call to the proxy, forwarded
 * with it ({@link ForwardedCall}), verifies and this node's own chain check allows the accessor.
 */
@Path("records/{recordId}/envelope")
@ApplicationScoped
public class EnvelopeResource {

    @EJB
    private EnvelopeRelease release;

    @GET
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @SignedNodeCall(NodeRole.PROXY)
    @Operation(hidden = true)
    public StreamingOutput envelope(@PathParam("recordId") String recordId, @QueryParam("accessor") String accessor,
            @Context HttpServletRequest request) throws IOException {
        InputStream envelope = release.release(SignedNodeCallFilter.caller(request), recordId, accessor,
                ForwardedCall.from(name -> Collections.list(request.getHeaders(name))).orElse(null));
        // a response that ends before its body is written (a HEAD, a failure) closes it too
        ClosedAtRequestEnd.closeAtEndOf(request, envelope);
        return out -> {
            try (InputStream in = envelope) {
                in.transferTo(out);
            }
        };
    }
}
