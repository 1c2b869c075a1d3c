package org.custodia.web.dto;

import java.io.StringWriter;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An error as RFC 7807 problem details ({@code application/problem+json}): a problem type URI, a short title, the
 * HTTP status and a detail a staff member or operator can act on. Details never contain secrets or PHI.
 */
@Schema(name = "Problem", description = "RFC 7807 problem details")
public class ProblemDetails {

    /** The media type of problem details. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** A URI naming the kind of problem, e.g. {@code urn:custodia:problem:record-refused}. */
    public String type;
    /** Short summary of the kind of problem. */
    public String title;
    /** The HTTP status code. */
    public int status;
    /** What went wrong in this occurrence and what to do about it. */
    public String detail;
    /** The request path the problem occurred on. */
    public String instance;

    public ProblemDetails() {
        // for JSON-B
    }

    public ProblemDetails(String type, String title, int status, String detail, String instance) {
        this.type = type;
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.instance = instance;
    }

    /** The JSON document, written without a JSON binding provider (also usable outside JAX-RS). */
    public String toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("type", type)
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            json.add("detail", detail);
        }
        if (instance != null) {
            json.add("instance", instance);
        }
        StringWriter out = new StringWriter();
        try (JsonWriter writer = Json.createWriter(out)) {
            writer.writeObject(json.build());
        }
        return out.toString();
    }
}
