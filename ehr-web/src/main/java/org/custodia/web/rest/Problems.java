package org.custodia.web.rest;

import jakarta.ws.rs.core.Response;

import org.custodia.kernel.Failure;
import org.custodia.web.dto.ProblemDetails;

/** Problem-details responses, and the HTTP status, problem type and title of each kind of service failure. */
final class Problems {

    /** How one kind of failure is presented over HTTP. */
    record Kind(int status, String type, String title) {
    }

    private Problems() {
    }

    static Kind kind(Failure failure) {
        return switch (failure) {
            case INVALID -> new Kind(400, "invalid-request", "Invalid request");
            case FORBIDDEN -> new Kind(403, "forbidden", "Forbidden");
            case NOT_FOUND -> new Kind(404, "not-found", "Not found");
            case CONFLICT -> new Kind(409, "conflict", "Already exists");
            case REFUSED -> new Kind(422, "refused", "Refused");
            case TOO_LARGE -> new Kind(413, "too-large", "Content too large");
            case STORAGE_FULL -> new Kind(507, "storage-full", "File store full");
            case UNAVAILABLE -> new Kind(503, "unavailable", "Dependency unavailable");
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
