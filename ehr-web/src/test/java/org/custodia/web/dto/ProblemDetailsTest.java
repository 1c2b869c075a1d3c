package org.custodia.web.dto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

class ProblemDetailsTest {

    @Test
    void writesRfc7807Members() {
        String json = new ProblemDetails("urn:custodia:problem:refused", "Refused", 422,
                "the stored envelope of record ab \"quoted\" was modified", "/custodia/api/records/ab/content").toJson();
        JsonObject problem = Json.createReader(new StringReader(json)).readObject();
        assertEquals("urn:custodia:problem:refused", problem.getString("type"));
        assertEquals("Refused", problem.getString("title"));
        assertEquals(422, problem.getInt("status"));
        assertEquals("the stored envelope of record ab \"quoted\" was modified", problem.getString("detail"));
        assertEquals("/custodia/api/records/ab/content", problem.getString("instance"));
    }

    @Test
    void leavesOutAbsentMembers() {
        JsonObject problem = Json.createReader(new StringReader(
                new ProblemDetails("urn:custodia:problem:internal", "Internal error", 500, null, null).toJson()))
                .readObject();
        assertFalse(problem.containsKey("detail"));
        assertFalse(problem.containsKey("instance"));
    }
}
