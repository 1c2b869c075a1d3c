package org.custodia.nodeapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import org.custodia.kernel.Failure;
import org.custodia.kernel.TextField;

/**
 * The RFC 7807 problem details another node answered instead of what was asked, read (within a bound) from the
 * response, whose body this closes. A body that is not problem details leaves type and detail empty.
 *
 * @param type   the problem's name after {@code urn:custodia:problem:}, or empty
 * @param detail the other node's explanation, or empty; as one line of at most 500 characters, as it is repeated in
 *               this node's messages, logs and audit entries
 */
public record NodeApiProblem(int status, String type, String detail) {

    private static final String PREFIX = "urn:custodia:problem:";
    private static final int MAX_BYTES = 8192;
    /** Bounds on what this node repeats of another's words in its messages, logs and audit entries. */
    private static final int MAX_TYPE = 64;
    private static final int MAX_DETAIL = 500;

    public static NodeApiProblem read(HttpResponse<InputStream> response) {
        String body;
        try (InputStream in = response.body()) {
            body = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            body = "";
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonObject problem = reader.readObject();
            String type = problem.getString("type", "");
            return new NodeApiProblem(response.statusCode(), type.startsWith(PREFIX)
                    ? TextField.fitted(type.substring(PREFIX.length()), MAX_TYPE) : "",
                    TextField.fitted(problem.getString("detail", ""), MAX_DETAIL));
        } catch (JsonException | ClassCastException | IllegalStateException e) {
            return new NodeApiProblem(response.statusCode(), "", "");
        }
    }

    /** The failure the problem names, when it is one of this application's. */
    public Optional<Failure> failure() {
        return Failure.ofProblemType(type);
    }

    /** For messages: the status, the problem's name and the other node's explanation. */
    public String describe() {
        return "HTTP " + status + (type.isEmpty() ? "" : " " + type) + (detail.isEmpty() ? "" : ": " + detail);
    }
}
