package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import jakarta.json.JsonObject;

import org.custodia.ledger.testing.AnvilNode;
import org.junit.jupiter.api.Test;

/**
 * What a server killed without any shutdown (the out-of-memory killer, a crash, {@code kill -9}) keeps: everything it
 * answered before. The patient it registered, each record it acknowledged with 201, the audit entries of those
 * uploads and of the download it served, and an audit trail whose hash chain is intact. The server is killed right
 * after its last answer (the download), inside the half second in which H2, left to its default, still held the
 * latest commits in memory only, and while an access request's transaction waits in the chain node's pool (mining
 * held back): mined while the server is down, the request is on chain, and the restarted node audits it as the
 * physician's, with its outcome unknown.
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
        RecordsApi.awaitAnchored(physician, records.get(0));
        try (ClinicAnchors clinic = ClinicAnchors.connect()) {
            clinic.anchorForPatientOf(records.get(0));  // the clinic holds a record of the patient: it may be asked
        }
        AnvilNode chain = LocalChain.node();
        chain.rpc("evm_setAutomine", "false");
        CompletableFuture<HttpResponse<String>> request;
        try {
            request = CompletableFuture.supplyAsync(() -> physician.postJson("/access-requests", "{\"patientId\":\""
                    + patient + "\",\"custodian\":\"" + ClinicAnchors.ADDRESS + "\",\"scope\":{\"kind\":\"all\"},"
                    + "\"purpose\":\"treatment\"}"));
            awaitConsentTransactionPending(chain, request);
            assertEquals("value 0", RecordsApi.downloadText(physician, records.get(0)));
            TestServer.killAndStart(() -> {
                chain.rpc("evm_mine", "");
                chain.rpc("evm_setAutomine", "true");
            });
        } finally {
            // also when a step above failed: the rest of the run shares the chain
            chain.rpc("evm_setAutomine", "true");
        }
        assertNull(request.handle((answer, failure) -> answer == null ? null : answer.statusCode() + " "
                + answer.body()).join(), "the request under way got no answer from the killed server");

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
        List<JsonObject> interrupted = entries(privacyOfficer, "access-request.create", patient);
        assertEquals(1, interrupted.size(), "the access request under way is audited once: " + interrupted);
        assertEquals("unknown", interrupted.get(0).getString("outcome"));
        assertEquals(physician.username(), interrupted.get(0).getString("actor"), "who asked for it");
        String detail = interrupted.get(0).getString("detail");
        assertTrue(detail.startsWith("request to " + ClinicAnchors.ADDRESS + ", ALL, treatment; outcome not known"),
                detail);
        awaitOutgoingRequests(physician, patient, 1);

        HttpResponse<String> trail = privacyOfficer.get("/audit/chain");
        assertEquals(200, trail.statusCode(), trail.body());
        assertTrue(StaffClient.object(trail).getBoolean("intact"), "the audit trail's hash chain: " + trail.body());
    }

    private static List<String> outcomes(StaffClient privacyOfficer, String action, String subject) {
        return entries(privacyOfficer, action, subject).stream().map(entry -> entry.getString("outcome")).toList();
    }

    private static List<JsonObject> entries(StaffClient privacyOfficer, String action, String subject) {
        HttpResponse<String> entries = privacyOfficer.get("/audit?action=" + action + "&subject=" + subject);
        assertEquals(200, entries.statusCode(), entries.body());
        return StaffClient.array(entries).stream().map(JsonObject.class::cast).toList();
    }

    /**
     * Waits until the chain node holds a transaction to the consent registry in its pool, not mined: the node wrote
     * the change's intent before it sent it.
     */
    private static void awaitConsentTransactionPending(AnvilNode chain,
            CompletableFuture<HttpResponse<String>> request) {
        String registry = "\"to\":\"" + TestNode.contracts().consentRegistry().toLowerCase(Locale.ROOT) + "\"";
        Eventually.within(Duration.ofSeconds(60), Duration.ofMillis(100), "the access request's transaction in the "
                + "chain node's pool").until(() -> {
                    String pool = chain.rpc("txpool_content", "").toLowerCase(Locale.ROOT);
                    if (!pool.contains(registry) && request.isDone()) {
                        throw new AssertionError("the access request ended before its transaction reached the pool: "
                                + request.handle((answer, failure) -> answer != null ? answer.statusCode() + " "
                                + answer.body() : String.valueOf(failure)).join());
                    }
                    return pool;
                }, pool -> pool.contains(registry));
    }

    /** Waits until the node lists {@code count} access requests it sent for the patient (from the chain's events). */
    private static void awaitOutgoingRequests(StaffClient physician, String patient, int count) {
        Eventually.within(Duration.ofSeconds(60), Duration.ofMillis(250), "the chain's request listed once")
                .until(() -> physician.get("/access-requests?direction=outgoing"), sent -> {
                    assertEquals(200, sent.statusCode(), sent.body());
                    return StaffClient.array(sent).stream().map(JsonObject.class::cast)
                            .filter(request -> patient.equals(request.getString("patientId", null))).count() == count;
                });
    }
}
