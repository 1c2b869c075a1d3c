package org.custodia.web.nodeapi;

import jakarta.ws.rs.core.Response;

import org.custodia.kernel.Failure;
import org.custodia.nodeapi.RefusalReason;
import org.custodia.web.dto.ProblemDetails;
import org.custodia.web.rest.Problems;

/**
 * Refused node calls as RFC 7807 problem details: 401 or 403 with the problem type
 * {@code urn:custodia:problem:node-call-<reason>} ({@code node-call-bad-signature}, ...), 413 for a signed body
 * larger than the node reads, 403 for a method no member may call, and 503 when the caller cannot be checked.
 */
final class NodeCallProblems {

    private static final String TYPE_PREFIX = "urn:custodia:problem:";

    private NodeCallProblems() {
    }

    /** The problem details of a call refused for {@code reason}. */
    static ProblemDetails refused(RefusalReason reason, String detail, String instance) {
        return new ProblemDetails(TYPE_PREFIX + "node-call-" + reason.code(), title(reason), reason.status(), detail,
                instance);
    }

    /** The problem details of a signed body longer than {@code maxBytes}. */
    static ProblemDetails tooLarge(int maxBytes, String instance) {
        return new ProblemDetails(TYPE_PREFIX + "too-large", "Content too large", 413, "a signed node call may carry "
                + "at most " + maxBytes + " bytes of content (custodia.node-api.max-signed-body-bytes on the receiving "
                + "node); nothing was done", instance);
    }

    /** The problem details of a request target no signature can cover (outside visible ASCII, a fragment). */
    static ProblemDetails invalidTarget(String instance) {
        return new ProblemDetails(TYPE_PREFIX + "invalid-request", "Invalid request", 400, "the request target cannot "
                + "be part of a signed node call (visible ASCII only, no fragment); nothing was done", instance);
    }

    /** The problem details of a call to a method that names no role whose members may call it. */
    static ProblemDetails closed(String instance) {
        return new ProblemDetails(TYPE_PREFIX + "forbidden", "Forbidden", 403, "no member may call this node API "
                + "endpoint: it names no consortium role (@SignedNodeCall)", instance);
    }

    /**
     * The problem details of a call whose caller cannot be checked now (the chain node or the database does not
     * answer): what failed is in this node's log under {@code reference}, never in the answer.
     */
    static ProblemDetails unavailable(String reference, String instance) {
        return unavailable("this node cannot check callers now, so nothing was done", reference, instance);
    }

    /**
     * The problem details of a call a member may make that this node cannot serve now (a service it depends on
     * failed): as {@link #unavailable(String, String)}, what failed is only in this node's log.
     */
    static ProblemDetails cannotServe(String reference, String instance) {
        return unavailable("this node cannot serve the call now", reference, instance);
    }

    /**
     * The problem details of a re-encryption whose record's custodian this proxy cannot reach or use now: how it
     * failed is only in this node's log, as for {@link #cannotServe}.
     */
    static ProblemDetails custodianUnreachable(String reference, String instance) {
        return logged(Failure.CUSTODIAN_UNREACHABLE, "this proxy cannot obtain the record from its custodian now",
                reference, instance);
    }

    private static ProblemDetails unavailable(String what, String reference, String instance) {
        return logged(Failure.UNAVAILABLE, what + ": a service it depends on is unavailable", reference, instance);
    }

    private static ProblemDetails logged(Failure failure, String what, String reference, String instance) {
        Problems.Kind kind = Problems.kind(failure);
        return new ProblemDetails(TYPE_PREFIX + kind.type(), kind.title(), kind.status(), what + "; call again later "
                + "(reference " + reference + " in this node's log)", instance);
    }

    /** {@code problem} as the response to send. */
    static Response response(ProblemDetails problem) {
        return Response.status(problem.status).type(ProblemDetails.MEDIA_TYPE).entity(problem.toJson()).build();
    }

    private static String title(RefusalReason reason) {
        return switch (reason) {
            case UNSIGNED -> "Node call not signed";
            case DIGEST_MISMATCH -> "Content digest mismatch";
            case STALE -> "Signature outside the time window";
            case REPLAYED -> "Node call replayed";
            case BAD_SIGNATURE -> "Signature not valid";
            case NOT_A_MEMBER -> "Not a consortium member";
            case WRONG_ROLE -> "Member role not allowed";
        };
    }
}
