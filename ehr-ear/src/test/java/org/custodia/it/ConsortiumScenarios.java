package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/**
 * Discovery over the REST API: the development consortium's members as the chain registers them, and a patient's
 * records on chain with whether this node may read each; refused for roles without permission and for unknown
 * patients.
 */
abstract class ConsortiumScenarios {

    /** The development consortium's members (dev-consortium.properties); this node is the development hospital. */
    private static final String HOSPITAL = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String CLINIC = ClinicAnchors.ADDRESS;
    private static final String EXCHANGE = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";

    private final StaffClient admin = StaffClient.admin();

    @Test
    void aNurseSeesTheDevelopmentConsortiumWithThisNodeMarked() {
        StaffClient nurse = admin.createAccount("nurse");

        HttpResponse<String> response = nurse.get("/consortium/members");
        assertEquals(200, response.statusCode(), response.body());
        JsonArray members = StaffClient.array(response);
        Map<String, JsonObject> byAddress = members.stream().map(JsonObject.class::cast)
                .collect(Collectors.toMap(member -> member.getString("address").toLowerCase(Locale.ROOT),
                        member -> member));
        assertEquals(Map.of(HOSPITAL, "hospital", CLINIC, "hospital", EXCHANGE, "proxy"),
                byAddress.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        entry -> entry.getValue().getString("role"))), response.body());
        assertEquals(1, members.stream().map(JsonObject.class::cast).filter(m -> m.getBoolean("self")).count(),
                response.body());
        assertTrue(byAddress.get(HOSPITAL).getBoolean("self"), "this node is the development hospital");
    }

    @Test
    void anUploadedRecordIsDiscoveredAsReadableByItsCustodian() {
        StaffClient physician = admin.createAccount("physician");
        String patient = RecordsApi.registerPatient(admin);
        String recordId = RecordsApi.uploadText(physician, patient, "discharge", "Discharge letter", "discharged");
        RecordsApi.awaitAnchored(physician, recordId);

        HttpResponse<String> response = physician.get("/patients/" + patient + "/consortium-records");
        assertEquals(200, response.statusCode(), response.body());
        JsonArray records = StaffClient.array(response);
        assertEquals(1, records.size(), response.body());
        JsonObject record = records.getJsonObject(0);
        assertEquals(recordId, record.getString("id"));
        assertEquals(HOSPITAL, record.getString("custodian").toLowerCase(Locale.ROOT));
        assertEquals("Development Hospital", record.getString("custodianName"));
        assertEquals("discharge", record.getString("category"));
        assertEquals("text/plain", record.getString("contentType"));
        assertTrue(record.getBoolean("readable"), response.body());
        assertEquals("custodian", record.getString("basis"));
        assertFalse(record.getBoolean("received"));
        String kept = "/patients/" + patient + "/consortium-records?kept=";
        assertEquals(1, StaffClient.array(physician.get(kept + "true")).size(), "its own record is kept here");
        assertEquals(0, StaffClient.array(physician.get(kept + "false")).size(), "nothing to retrieve");
    }

    @Test
    void clerksAreRefusedAndUnknownPatientsAreNotFound() {
        StaffClient clerk = admin.createAccount("clerk");
        StaffClient nurse = admin.createAccount("nurse");
        String patient = RecordsApi.registerPatient(admin);

        HttpResponse<String> refused = clerk.get("/patients/" + patient + "/consortium-records");
        assertEquals(403, refused.statusCode(), refused.body());
        HttpResponse<String> unknown = nurse.get("/patients/" + UUID.randomUUID() + "/consortium-records");
        assertEquals(404, unknown.statusCode(), unknown.body());
    }
}
