package org.custodia.it;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** MicroProfile Health's JSON answer, and the administrators' details, read into what the tests look at. */
final class HealthReport {

    private final JsonObject report;

    private HealthReport(JsonObject report) {
        this.report = report;
    }

    static HealthReport parse(String json) {
        return new HealthReport(Json.createReader(new StringReader(json)).readObject());
    }

    /** Check name to status ({@code UP}/{@code DOWN}). */
    Map<String, String> statuses() {
        return report.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c.getString("status")));
    }

    /** Whether any check carries data (reasons, URLs, paths): the public answer must not. */
    boolean carriesData() {
        return report.getJsonArray("checks").stream().map(JsonValue::asJsonObject).anyMatch(c -> c.containsKey("data")
                && !c.getJsonObject("data").isEmpty());
    }

    /** {@code GET /api/health}'s answer: check name to its object (status, reason, details). */
    static Map<String, JsonObject> details(String json) {
        return Json.createReader(new StringReader(json)).readArray().stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c));
    }

    /** The reason an administrator is shown for a check, or an empty string. */
    static String reason(String check) {
        HttpResponse<String> details = StaffClient.admin().get("/health");
        JsonObject answer = details(details.body()).get(check);
        return answer == null ? "" : answer.getString("reason", "");
    }
}
