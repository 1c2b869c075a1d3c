package org.custodia.it;

import java.io.StringReader;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** MicroProfile Health's JSON answer, read into what the tests look at. */
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

    /** The {@code reason} a check gave, or an empty string. */
    String reason(String check) {
        return report.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("name").equals(check))
                .map(c -> c.containsKey("data") ? c.getJsonObject("data").getString("reason", "") : "")
                .findFirst().orElse("");
    }
}
