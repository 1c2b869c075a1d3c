package org.custodia.web.nodeapi;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.custodia.kernel.NodeRole;
import org.custodia.nodeapi.ForwardedCall;
import org.custodia.nodeapi.NodeApiBase;
import org.custodia.proxy.ReEncryption;
import org.custodia.proxy.ReEncryptionService;
import org.custodia.web.ClosedAtRequestEnd;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /node-api/v1/records/{recordId}/re-encryption} on a proxy: re-encrypts a record's envelope for the
 * calling hospital (flow 7) and streams it as {@code application/octet-stream}, with the hash of the transaction that
 * logged the access on chain in {@value NodeApiBase#ACCESS_LOG_HEADER}. The hospital's call is forwarded to the
 * custodian with the request for the envelope ({@link ForwardedCall}). The access is logged before the first byte is
 * sent;
 * refusals are problem details (403 no-grant, grant-revoked or grant-expired, 409 no-re-key, 502
 * custodian-unreachable or integrity-failure, 404 unknown record or a hospital node).
 */
@Path("records/{recordId}/re-encryption")
@ApplicationScoped
@SignedNodeCall(NodeRole.HOSPITAL)
public class ReEncryptionResource {

    /** Response header naming the access-log transaction ({@code 0x} and 64 hex digits). */

    @EJB
    private ReEncryptionService reEncryptions;

    @POST
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(hidden = true)
    public Response reEncrypt(@PathParam("recordId") String recordId, @Context HttpServletRequest request) {
        ReEncryption reEncryption = reEncryptions.reEncrypt(SignedNodeCallFilter.caller(request), recordId,
                ForwardedCall.of(SignedNodeCallFilter.verifiedRequest(request)),
                SignedNodeCallFilter.arrived(request));
        // a response that ends before its body is written closes it too: the custodian's stream, and the audit of
        // an access logged that served nothing
        ClosedAtRequestEnd.closeAtEndOf(request, reEncryption);
        StreamingOutput body = out -> {
            try (reEncryption) {
                reEncryption.writeTo(out);
            }
        };
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM)
                .header(NodeApiBase.ACCESS_LOG_HEADER, reEncryption.accessLogTransaction())
                .build();
    }
}
