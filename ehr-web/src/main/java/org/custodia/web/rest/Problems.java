package org.custodia.web.rest;

import jakarta.ws.rs.core.Response;

import org.custodia.kernel.Failure;
import org.custodia.web.dto.ProblemDetails;

/** Problem-details responses, and the HTTP status, problem type and title of each kind of service failure. */
public final class Problems {

    /** How one kind of failure is presented over HTTP. */
    public record Kind(int status, String type, String title) {
    }

    /** A failure nobody foresaw: a defect, found in the server log under the reference the answer names. */
    public static final Kind INTERNAL = new Kind(500, "internal", "Internal error");

    private Problems() {
    }

    public static Kind kind(Failure failure) {
        return switch (failure) {
            case INVALID -> new Kind(400, failure.problemType(), "Invalid request");
            case FORBIDDEN -> new Kind(403, failure.problemType(), "Forbidden");
            case NOT_FOUND -> new Kind(404, failure.problemType(), "Not found");
            case CONFLICT -> new Kind(409, failure.problemType(), "Already exists");
            case REFUSED -> new Kind(422, failure.problemType(), "Refused");
            case TOO_LARGE -> new Kind(413, failure.problemType(), "Content too large");
            case THROTTLED -> new Kind(429, failure.problemType(), "Too many failed sign-ins");
            case STORAGE_FULL -> new Kind(507, failure.problemType(), "File store cannot take records");
            case UNAVAILABLE -> new Kind(503, failure.problemType(), "Dependency unavailable");
            case NO_GRANT -> new Kind(403, failure.problemType(), "No grant allows this access");
            case GRANT_REVOKED -> new Kind(403, failure.problemType(), "Grant revoked");
            case GRANT_EXPIRED -> new Kind(403, failure.problemType(), "Grant expired");
            case NO_RE_KEY -> new Kind(409, failure.problemType(), "No re-encryption key yet");
            case CUSTODIAN_UNREACHABLE -> new Kind(502, failure.problemType(), "Custodian unreachable");
            case PROXY_UNREACHABLE -> new Kind(503, failure.problemType(), "Proxy unreachable");
            case INTEGRITY_FAILURE -> new Kind(502, failure.problemType(), "Shared record failed its checks");
        };
    }

    static Response of(Failure failure, String detail, String instance) {
        Kind kind = kind(failure);
        return response(kind.status(), kind.type(), kind.title(), detail, instance);
    }

    static Response response(int status, String type, String title, String detail, String instance) {
        return Response.status(status)
                .type(ProblemDetails.MEDIA_TYPE)
                .entity(new ProblemDetails("urn:custodia:problem:" + type, title, status, detail, instance).toJson())
                .build();
    }
}
