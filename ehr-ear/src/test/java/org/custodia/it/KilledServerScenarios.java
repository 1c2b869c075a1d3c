package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/**
 * What a server killed without any shutdown (the out-of-memory killer, a crash, {@code kill -9}) keeps: everything it
 * answered before. The patient it registered, each record it acknowledged with 201, the audit entries of those
 * uploads and of the download it served, and an audit trail whose hash chain is intact. The server is killed right
 * after its last answer, inside the half second in which H2, left to its default, still held the latest commits in
 * memory only.
 */
abstract class KilledServerScenarios {

    private static final int RECORDS = 5;

    @Test
    void whatTheServerAnsweredSurvivesItsKill() {
        StaffClient admin = StaffClient.admin();
        StaffClient physician = admin.createAccount("physician");
        StaffClient privacyOfficer = admin.createAccount("privacy-officer");
        String patient = RecordsApi.registerPatient(admin);
        List<String> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            records.add(RecordsApi.uploadText(physician, patient, "laboratory", "Before the kill " + i, "value " + i));
        }
        assertEquals("value 0", RecordsApi.downloadText(physician, records.get(0)));

        TestServer.killAndStart();

        assertEquals(List.of("succeeded"), outcomes(privacyOfficer, "record.download", records.get(0)),
                "the download served before the kill is audited");
        for (String record : records) {
            assertEquals(List.of("succeeded"), outcomes(privacyOfficer, "record.upload", record),
                    "each upload acknowledged before the kill is audited once");
        }
        HttpResponse<String> kept = physician.get("/patients/" + patient + "/records");
        assertEquals(200, kept.statusCode(), kept.body());
        assertEquals(RECORDS, StaffClient.array(kept).size(), "every record acknowledged is kept: " + kept.body());
        for (int i = 0; i < RECORDS; i++) {
            assertEquals("value " + i, RecordsApi.downloadText(physician, records.get(i)));
        }
        HttpResponse<String> trail = privacyOfficer.get("/audit/chain");
        assertEquals(200, trail.statusCode(), trail.body());
        assertTrue(StaffClient.object(trail).getBoolean("intact"), "the audit trail's hash chain: " + trail.body());
    }

    private static List<String> outcomes(StaffClient privacyOfficer, String action, String subject) {
        HttpResponse<String> entries = privacyOfficer.get("/audit?action=" + action + "&subject=" + subject);
        assertEquals(200, entries.statusCode(), entries.body());
        return StaffClient.array(entries).stream().map(JsonObject.class::cast)
                .map(entry -> entry.getString("outcome")).toList();
    }
}
