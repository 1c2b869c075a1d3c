package org.custodia.web.nodeapi;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.custodia.kernel.NodeRole;
import org.custodia.proxy.ReKeyStore;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code PUT} and {@code DELETE /node-api/v1/re-keys/{custodian}/{ownerFingerprint}/{delegatee}?generation=N} on a
 * proxy: a custodian hospital stores (the body is the re-key's encoding, 276 bytes) or withdraws the re-key for one
 * of its patients' keys and another hospital, numbering each call higher than the one before. Both are idempotent
 * and answer 204; refusals are problem details (403 for another custodian's path, 422 for a delegatee whose key on
 * chain is not the re-key's or a custodian or delegatee the chain removed from the consortium, 409 for a call
 * numbered lower than one applied already, 404 on a hospital node).
 */
@Path("re-keys/{custodian}/{ownerFingerprint}/{delegatee}")
@ApplicationScoped
@SignedNodeCall(NodeRole.HOSPITAL)
public class ReKeyResource {

    @EJB
    private ReKeyStore reKeys;

    @PUT
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(hidden = true)
    public Response store(@PathParam("custodian") String custodian,
            @PathParam("ownerFingerprint") String ownerFingerprint, @PathParam("delegatee") String delegatee,
            @QueryParam("generation") String generation, byte[] reKey, @Context HttpServletRequest request) {
        reKeys.store(SignedNodeCallFilter.caller(request), custodian, ownerFingerprint, delegatee, generation, reKey);
        return Response.noContent().build();
    }

    @DELETE
    @Operation(hidden = true)
    public Response withdraw(@PathParam("custodian") String custodian,
            @PathParam("ownerFingerprint") String ownerFingerprint, @PathParam("delegatee") String delegatee,
            @QueryParam("generation") String generation, @Context HttpServletRequest request) {
        reKeys.withdraw(SignedNodeCallFilter.caller(request), custodian, ownerFingerprint, delegatee, generation);
        return Response.noContent().build();
    }
}
