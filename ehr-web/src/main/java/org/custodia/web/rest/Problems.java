package org.custodia.web.rest;

import jakarta.ws.rs.core.Response;

import org.custodia.node.Failure;
import org.custodia.web.dto.ProblemDetails;

/** Problem-details responses and the HTTP status and problem type of each kind of service failure. */
final class Problems {

    /** 507, not named by JAX-RS. */
    static final int INSUFFICIENT_STORAGE = 507;

    private Problems() {
    }

    static Response of(Failure failure, String detail, String instance) {
        return switch (failure) {
            case INVALID -> response(400, "invalid-request", "Invalid request", detail, instance);
            case NOT_FOUND -> response(404, "not-found", "Not found", detail, instance);
            case CONFLICT -> response(409, "conflict", "Already exists", detail, instance);
            case REFUSED -> response(422, "refused", "Refused", detail, instance);
            case STORAGE_FULL -> response(INSUFFICIENT_STORAGE, "storage-full", "File store full", detail, instance);
            case UNAVAILABLE -> response(503, "unavailable", "Dependency unavailable", detail, instance);
        };
    }

    static Response response(int status, String type, String title, String detail, String instance) {
        return Response.status(status)
                .type(ProblemDetails.MEDIA_TYPE)
                .entity(new ProblemDetails("urn:custodia:problem:" + type, title, status, detail, instance).toJson())
                .build();
    }
}
