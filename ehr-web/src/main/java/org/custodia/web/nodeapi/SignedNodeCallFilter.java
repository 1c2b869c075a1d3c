package org.custodia.web.nodeapi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.UriInfo;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.NodeRole;
import org.custodia.nodeapi.ContentDigest;
import org.custodia.nodeapi.NodeApiSettings;
import org.custodia.nodeapi.NodeCallAuthenticator;
import org.custodia.nodeapi.NodeCallRefusedException;
import org.custodia.nodeapi.SignedRequest;
import org.custodia.nodeapi.VerifiedCaller;

/**
 * Authenticates a call to one node API endpoint before it runs: reads the body into memory (up to
 * {@code custodia.node-api.max-signed-body-bytes}, a larger one is refused with 413: re-key PUTs carry 276 bytes, and
 * envelopes stream in GET responses, not in requests), digests it and puts it back for the resource, rebuilds the
 * target URI from this node's configured public URL and the request's raw path and query (never from its
 * {@code Host} header), and has {@link NodeCallAuthenticator} verify the signature. An accepted call's
 * {@link VerifiedCaller} is the request property {@link #CALLER}; a refused one is answered with problem details
 * (401 or 403), audited by the authenticator; one whose caller cannot be checked (the chain node or the database
 * unavailable) with a 503 that names only a reference into this node's log. An endpoint that needs a larger request
 * body must digest it while streaming ({@link ContentDigest#newSha256()}) and verify before acting on it.
 */
public final class SignedNodeCallFilter implements ContainerRequestFilter {

    /** The request property holding the {@link VerifiedCaller} of an accepted call. */
    static final String CALLER = VerifiedCaller.class.getName();
    /** The request property holding the {@link SignedRequest} of an accepted call, as verified. */
    static final String VERIFIED_REQUEST = SignedRequest.class.getName();
    /** The request property holding when the call reached this filter, by {@link System#nanoTime}. */
    static final String ARRIVED = SignedNodeCallFilter.class.getName() + ".arrived";
    private static final Logger LOG = Logger.getLogger(SignedNodeCallFilter.class.getName());

    private final Set<NodeRole> allowed;
    private final NodeCallAuthenticator authenticator;
    private final NodeApiSettings settings;

    SignedNodeCallFilter(Set<NodeRole> allowed, NodeCallAuthenticator authenticator, NodeApiSettings settings) {
        this.allowed = Set.copyOf(allowed);
        this.authenticator = authenticator;
        this.settings = settings;
    }

    /**
     * The member whose call is being served.
     *
     * @throws IllegalStateException when the request did not pass this filter (an endpoint without
     *                               {@link SignedNodeCall})
     */
    static VerifiedCaller caller(HttpServletRequest request) {
        Object caller = request.getAttribute(CALLER);
        if (!(caller instanceof VerifiedCaller verified)) {
            throw new IllegalStateException("this request was not authenticated as a node call: the endpoint lacks "
                    + "@SignedNodeCall");
        }
        return verified;
    }

    /**
     * When the call reached this node's check of node calls, by {@link System#nanoTime}: before its signature, the
     * caller's membership and its nonce were checked, all of which the caller waited for too.
     *
     * @throws IllegalStateException when the request did not pass this filter
     */
    static long arrived(HttpServletRequest request) {
        caller(request);
        return (Long) request.getAttribute(ARRIVED);
    }

    /**
     * The call being served as it was verified: what a proxy forwards to a custodian
     * ({@link org.custodia.nodeapi.ForwardedCall}).
     *
     * @throws IllegalStateException when the request did not pass this filter
     */
    static SignedRequest verifiedRequest(HttpServletRequest request) {
        caller(request);
        return (SignedRequest) request.getAttribute(VERIFIED_REQUEST);
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        request.setProperty(ARRIVED, System.nanoTime());
        UriInfo uri = request.getUriInfo();
        // as sent, percent-encoding kept: decoded, a path could put line breaks into the audit trail
        String instance = uri.getRequestUri().getRawPath();
        int maxBytes = settings.maxSignedBodyBytes();
        Optional<byte[]> body = request.getLength() > maxBytes ? Optional.empty()
                : SignedBody.read(request.getEntityStream(), maxBytes);
        if (body.isEmpty()) {
            authenticator.refusedUnchecked(request.getMethod(), instance, "too-large: more than " + maxBytes
                    + " bytes of content");
            request.abortWith(NodeCallProblems.response(NodeCallProblems.tooLarge(maxBytes, instance)));
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(body.get()));
        try {
            String targetUri = settings.ownApi().rebuiltTargetUri(uri.getBaseUri(), uri.getRequestUri());
            SignedRequest signed = new SignedRequest(request.getMethod(), targetUri, request.getHeaders(),
                    ContentDigest.of(body.get()));
            request.setProperty(CALLER, authenticator.verify(signed, allowed));
            request.setProperty(VERIFIED_REQUEST, signed);
        } catch (NodeCallRefusedException e) {
            request.abortWith(NodeCallProblems.response(
                    NodeCallProblems.refused(e.reason(), e.getMessage(), instance)));
        } catch (IllegalArgumentException e) {
            // a request target no signature can cover (characters outside visible ASCII, a fragment): refused before
            // anything is looked up
            authenticator.refusedUnchecked(request.getMethod(), instance, "invalid-target: " + e.getMessage());
            request.abortWith(NodeCallProblems.response(NodeCallProblems.invalidTarget(instance)));
        } catch (DependencyUnavailableException e) {
            // the caller cannot be checked (its membership on chain, or its nonce in the database): what failed, and
            // where, is for this node's operators, not for a caller that is not known yet
            String reference = UUID.randomUUID().toString();
            LOG.log(Level.WARNING, "Cannot check the caller of node call {0} (reference {1}): {2}",
                    new Object[] {instance, reference, e.getMessage()});
            request.abortWith(NodeCallProblems.response(NodeCallProblems.unavailable(reference, instance)));
        }
    }
}
