package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.custodia.it.ConsortiumNodes.Node;
import org.custodia.nodeapi.ForwardedCall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;

/**
 * The sharing scenario across the development consortium: a patient's records at Hospital A, the same patient
 * registered at Hospital B, discovery, a request for one category, approval, retrieval through the proxy (bytes
 * identical, access logged on chain with the grant as basis), scope, denial, revocation, emergency access and its
 * review, what no node takes on another's word, the proxy, B or A down, a restart of B, and what the proxy and the
 * chain never see. One consortium for the whole class, steps in order: each builds on the state the previous ones
 * left.
 */
@ExtendWith(ConsortiumNodes.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharingIT {

    private static final Duration EVENTUALLY = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String nationalId = "IT-SHARE-" + UUID.randomUUID().toString().substring(0, 12);
    private final String familyName = "Zyxwvut" + UUID.randomUUID().toString().substring(0, 6);
    private final String marker = "CUSTODIA-PLAINTEXT-MARKER-" + UUID.randomUUID();

    private StaffClient physicianA;
    private StaffClient clerkA;
    private StaffClient adminB;
    private StaffClient privacyOfficerA;
    private StaffClient physicianB;
    private StaffClient nurseB;
    private StaffClient privacyOfficerB;
    private StaffClient proxyAdmin;
    private String addressA;
    private String addressB;
    private String patientA;
    private String patientB;
    private String laboratoryRecord;
    private String imagingRecord;
    private byte[] laboratoryContent;
    private long grantId;
    private long reKeysHeld;
    private List<String> dischargeRecords;
    private String expiringPatientA;
    private String expiringPatientB;
    private List<String> expiringRecords;
    private Instant expiresAt;

    @BeforeAll
    void staff() {
        StaffClient adminA = Node.HOSPITAL_A.admin();
        adminB = Node.HOSPITAL_B.admin();
        physicianA = adminA.createAccount("physician");
        clerkA = adminA.createAccount("clerk");
        privacyOfficerA = adminA.createAccount("privacy-officer");
        physicianB = adminB.createAccount("physician");
        nurseB = adminB.createAccount("nurse");
        privacyOfficerB = adminB.createAccount("privacy-officer");
        proxyAdmin = Node.PROXY.admin();
        addressA = addressOf(physicianB, Node.HOSPITAL_A);
        addressB = addressOf(physicianA, Node.HOSPITAL_B);
    }

    @Test
    @Order(1)
    void hospitalAKeepsRecordsOfThePatientInThreeCategories() {
        patientA = RecordsApi.registerPatient(Node.HOSPITAL_A.admin().createAccount("clerk"),
                "MRN-A-" + UUID.randomUUID().toString().substring(0, 8), familyName,
                "Jane", nationalId);
        laboratoryContent = ("Potassium 4.1 mmol/L " + marker).getBytes(StandardCharsets.UTF_8);
        laboratoryRecord = StaffClient.object(physicianA.upload(
                RecordsApi.recordsOf(patientA, "laboratory", "Electrolytes"), "text/plain", laboratoryContent))
                .getString("id");
        imagingRecord = RecordsApi.uploadText(physicianA, patientA, "imaging", "Chest X-ray", "Clear " + marker);
        dischargeRecords = List.of(
                RecordsApi.uploadText(physicianA, patientA, "discharge", "Discharge letter", "Home " + marker),
                RecordsApi.uploadText(physicianA, patientA, "discharge", "Discharge summary", "Well " + marker));
        RecordsApi.awaitAnchored(physicianA, laboratoryRecord);
        RecordsApi.awaitAnchored(physicianA, imagingRecord);
        dischargeRecords.forEach(record -> RecordsApi.awaitAnchored(physicianA, record));
    }

    @Test
    @Order(2)
    void aGrantThatExpiresDuringTheScenarioIsIssuedForASecondPatientAndTwoRetrievalsAtOnceFetchOnce() {
        String nationalId = "IT-EXPIRY-" + UUID.randomUUID().toString().substring(0, 12);
        expiringPatientA = RecordsApi.registerPatient(Node.HOSPITAL_A.admin().createAccount("clerk"),
                "MRN-A-" + UUID.randomUUID().toString().substring(0, 8), familyName, "John", nationalId);
        expiringPatientB = RecordsApi.registerPatient(Node.HOSPITAL_B.admin().createAccount("clerk"),
                "MRN-B-" + UUID.randomUUID().toString().substring(0, 8), familyName, "John", nationalId);
        expiringRecords = List.of(
                RecordsApi.uploadText(physicianA, expiringPatientA, "pathology", "Biopsy", "Benign " + marker),
                RecordsApi.uploadText(physicianA, expiringPatientA, "pathology", "Cytology", "Normal " + marker),
                RecordsApi.uploadText(physicianA, expiringPatientA, "pathology", "Histology", "Clear " + marker));
        expiringRecords.forEach(record -> RecordsApi.awaitAnchored(physicianA, record));
        expiresAt = Instant.now().plus(Duration.ofSeconds(75));
        HttpResponse<String> granted = physicianA.postJson("/grants", "{\"patientId\":\"" + expiringPatientA
                + "\",\"grantee\":\"" + addressB + "\",\"scope\":{\"kind\":\"all\"},\"purpose\":\"referral\","
                + "\"expiresAt\":\"" + expiresAt + "\"}");
        assertEquals(201, granted.statusCode(), granted.body());
        eventually(() -> physicianB.post(retrieval(expiringRecords.get(0))), response -> response.statusCode() == 201,
                "the short grant's re-key reaches the proxy");

        // two requests for one record at once (a double click): both answered with the record, fetched once
        String record = expiringRecords.get(2);
        long servedBefore = reEncryptionsServed();
        List<CompletableFuture<HttpResponse<String>>> both = Stream.generate(() -> CompletableFuture.supplyAsync(
                () -> physicianB.post(retrieval(record)))).limit(2).toList();
        for (CompletableFuture<HttpResponse<String>> retrieval : both) {
            HttpResponse<String> answer = retrieval.join();
            assertEquals(201, answer.statusCode(), answer.body());
            assertEquals(record, StaffClient.object(answer).getString("id"));
        }
        assertEquals(servedBefore + 1, reEncryptionsServed(), "the proxy re-encrypted the record once");
        HttpResponse<String> audited = privacyOfficerB.get("/audit?action=shared-record.retrieve&subject=" + record);
        assertEquals(List.of("succeeded", "succeeded"), StaffClient.array(audited).stream()
                .map(JsonObject.class::cast).map(entry -> entry.getString("outcome")).toList(), audited.body());
        assertEquals(1, StaffClient.array(audited).stream().map(JsonObject.class::cast)
                .filter(entry -> entry.getString("detail").contains("kept already")).count(), audited.body());
        assertTrue(StaffClient.array(audited).stream().map(JsonObject.class::cast).allMatch(entry -> entry
                .getString("detail").startsWith("patient " + expiringPatientB + ", ")), "each names B's patient: "
                + audited.body());
        HttpResponse<String> logged = privacyOfficerB.get("/audit?action=shared-record.access-logged&subject="
                + record);
        assertEquals(List.of("succeeded"), StaffClient.array(logged).stream().map(JsonObject.class::cast)
                .map(entry -> entry.getString("outcome")).toList(), "one access logged on chain: " + logged.body());
    }

    private long reEncryptionsServed() {
        return StaffClient.object(proxyAdmin.get("/proxy/status")).getJsonNumber("reEncryptionsServed").longValue();
    }

    @Test
    @Order(3)
    void hospitalBDiscoversThemButMayNotReadThemYet() {
        patientB = RecordsApi.registerPatient(Node.HOSPITAL_B.admin().createAccount("clerk"),
                "MRN-B-" + UUID.randomUUID().toString().substring(0, 8), familyName,
                "Jane", nationalId);
        List<JsonObject> records = consortiumRecords();
        assertEquals(4, records.size(), records.toString());
        for (JsonObject record : records) {
            assertEquals(addressA, record.getString("custodian"));
            assertEquals("Hospital A", record.getString("custodianName"));
            assertFalse(record.getBoolean("readable"), record.toString());
            assertFalse(record.getBoolean("received"), record.toString());
        }
        HttpResponse<String> refused = physicianB.post(retrieval(laboratoryRecord));
        assertProblem(403, "no-grant", refused);
    }

    @Test
    @Order(4)
    void badRequestsAreRefusedAndChangeNothing() {
        int outgoing = StaffClient.array(physicianB.get("/access-requests?direction=outgoing")).size();
        assertProblem(400, "invalid-request", physicianB.postJson("/access-requests", "{not json"));
        assertProblem(400, "invalid-request", physicianB.postJson("/access-requests",
                request(patientB, addressA, "{\"kind\":\"category\"}", "treatment")));
        assertProblem(400, "invalid-request", physicianB.postJson("/access-requests",
                request(patientB, addressA, "{\"kind\":\"record\",\"category\":\"imaging\"}", "treatment")));
        assertProblem(400, "invalid-request", physicianB.postJson("/access-requests",
                request(patientB, addressA, "{\"kind\":\"all\"}", "x".repeat(10_000))));
        assertProblem(400, "invalid-request", physicianB.postJson("/access-requests",
                request(patientB, addressB, "{\"kind\":\"all\"}", "treatment")));
        assertEquals(404, physicianB.postJson("/access-requests",
                request(UUID.randomUUID().toString(), addressA, "{\"kind\":\"all\"}", "treatment")).statusCode());
        assertProblem(400, "invalid-request", physicianB.postJson("/grants", "{\"patientId\":\"" + patientB
                + "\",\"grantee\":\"" + addressA + "\",\"scope\":{\"kind\":\"all\"},\"purpose\":\"treatment\","
                + "\"expiresAt\":\"2999-01-01T00:00:00Z\"}"));
        assertProblem(400, "invalid-request", physicianA.postJson("/access-requests/999999/approve", "{}"));
        assertEquals(404, physicianA.postJson("/access-requests/999999/approve",
                "{\"expiresAt\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\"}").statusCode());
        // a fraction or a number beyond an int: refused, where JSON-B read 2.9 and 4294967298 as the valid code 2
        for (String reasonCode : List.of("9", "2.9", "4294967298", "1e999999999")) {
            assertProblem(400, "invalid-request", physicianB.postJson("/emergency-access",
                    "{\"patientId\":\"" + patientB + "\",\"reasonCode\":" + reasonCode + "}"));
        }
        assertEquals(outgoing, StaffClient.array(physicianB.get("/access-requests?direction=outgoing")).size());
        assertEquals(0, StaffClient.array(physicianB.get("/grants?patientId=" + patientB)).size());
        assertEquals(0, StaffClient.array(physicianA.get("/grants?patientId=" + patientA)).size());
    }

    @Test
    @Order(5)
    void hospitalBRequestsTheLaboratoryCategoryAndHospitalAApprovesIt() {
        HttpResponse<String> requested = nurseB.postJson("/access-requests",
                request(patientB, addressA, "{\"kind\":\"category\",\"category\":\"laboratory\"}", "referral"));
        assertEquals(201, requested.statusCode(), requested.body());
        long requestId = StaffClient.object(requested).getJsonNumber("id").longValue();
        assertEquals("pending", StaffClient.object(requested).getString("status"));

        JsonObject incoming = listOf(eventually(
                () -> physicianA.get("/access-requests?direction=incoming&status=pending"),
                response -> ids(response).contains(requestId), "the request reaches Hospital A's incoming list"))
                .stream().filter(r -> r.getJsonNumber("id").longValue() == requestId).findFirst().orElseThrow();
        assertEquals(patientA, incoming.getString("patientId"));
        assertEquals(addressB, incoming.getString("requester"));

        HttpResponse<String> approved = privacyOfficerA.postJson("/access-requests/" + requestId + "/approve",
                "{\"expiresAt\":\"" + Instant.now().plus(Duration.ofHours(2)) + "\"}");
        assertEquals(200, approved.statusCode(), approved.body());
        grantId = StaffClient.object(approved).getJsonNumber("id").longValue();
        assertEquals("active", StaffClient.object(approved).getString("status"));
        assertEquals(409, privacyOfficerA.post("/access-requests/" + requestId + "/deny").statusCode());
        // ids below 1 name no entry (the chain numbers from 1): not found, nothing sent
        assertProblem(404, "not-found", privacyOfficerA.post("/access-requests/-1/deny"));
        assertProblem(404, "not-found", privacyOfficerA.delete("/grants/-1"));
        assertProblem(404, "not-found", privacyOfficerA.post("/emergency-access/0/review"));
        // the grant's number in digits of another script names no grant (JAX-RS read it as the number): not found,
        // the grant left in force
        StringBuilder otherScript = new StringBuilder();
        Long.toString(grantId).chars().forEach(digit -> otherScript.append((char) ('\u0660' + digit - '0')));
        assertEquals(404, privacyOfficerA.delete("/grants/" + URLEncoder.encode(otherScript.toString(),
                StandardCharsets.UTF_8)).statusCode());
    }

    @Test
    @Order(6)
    void hospitalBRetrievesTheRecordThroughTheProxy() throws IOException {
        JsonObject received = StaffClient.object(eventually(() -> physicianB.post(retrieval(laboratoryRecord)),
                response -> response.statusCode() == 201, "the re-key reaches the proxy and the retrieval succeeds"));
        assertTrue(received.getBoolean("received"));
        assertEquals(addressA, received.getString("custodian"));
        assertEquals("grant", received.getString("accessBasis"));
        assertEquals(grantId, received.getJsonNumber("accessBasisId").longValue());
        assertTrue(received.getString("accessLogTransaction").matches("0x[0-9a-f]{64}"), received.toString());
        assertEquals("Electrolytes", received.getString("title"),
                "the title A keeps, told to B over the node API once A's chain check allows B");
        assertArrayEquals(laboratoryContent, content(physicianB, laboratoryRecord));
        HttpResponse<String> told = privacyOfficerA.get("/audit?action=node-call.record-metadata.release&subject="
                + laboratoryRecord);
        assertEquals(List.of(addressB.toLowerCase(Locale.ROOT)), StaffClient.array(told).stream()
                .map(JsonObject.class::cast).map(entry -> entry.getString("actor").toLowerCase(Locale.ROOT)).toList(),
                "A audits whom it told the title: " + told.body());

        JsonObject listed = consortiumRecords().stream()
                .filter(r -> r.getString("id").equals(laboratoryRecord)).findFirst().orElseThrow();
        assertTrue(listed.getBoolean("readable"));
        assertTrue(listed.getBoolean("received"));
        assertEquals("grant", listed.getString("basis"));
        assertConsortiumRecordsComeAPageAtATime();
        JsonObject status = StaffClient.object(proxyAdmin.get("/proxy/status"));
        assertTrue(status.getJsonNumber("reEncryptionsServed").longValue() >= 1, status.toString());
        reKeysHeld = status.getJsonNumber("reKeysHeld").longValue();
        assertTrue(reKeysHeld >= 1, status.toString());
    }

    @Test
    @Order(7)
    void aRecordOutsideTheGrantedCategoryIsRefused() {
        assertProblem(403, "no-grant", physicianB.post(retrieval(imagingRecord)));
    }

    @Test
    @Order(8)
    void aDeniedRequestAllowsNothing() {
        HttpResponse<String> requested = physicianB.postJson("/access-requests",
                request(patientB, addressA, "{\"kind\":\"record\",\"recordId\":\"" + imagingRecord + "\"}",
                        "second-opinion"));
        assertEquals(201, requested.statusCode(), requested.body());
        long requestId = StaffClient.object(requested).getJsonNumber("id").longValue();
        eventually(() -> physicianA.get("/access-requests?direction=incoming&status=pending"),
                response -> ids(response).contains(requestId), "the second request reaches Hospital A");
        HttpResponse<String> denied = physicianA.post("/access-requests/" + requestId + "/deny");
        assertEquals(200, denied.statusCode(), denied.body());
        assertEquals("denied", StaffClient.object(denied).getString("status"));
        assertProblem(403, "no-grant", physicianB.post(retrieval(imagingRecord)));

        // the lists come a page at a time, newest first, each page linking to the next, older one
        List<Long> sent = ids(physicianB.get("/access-requests?direction=outgoing"));
        assertEquals(Long.valueOf(requestId), sent.get(0));
        HttpResponse<String> newest = physicianB.get("/access-requests?direction=outgoing&limit=1");
        assertEquals(List.of(requestId), ids(newest));
        URI older = StaffClient.nextPage(newest).orElseThrow(() -> new AssertionError("no link to the next page"));
        assertTrue(older.getPath().endsWith("/api/access-requests") && older.getQuery().contains("before=" + requestId)
                && older.getQuery().contains("direction=outgoing"), older.toString());
        HttpResponse<String> second = physicianB.get("/access-requests?" + older.getRawQuery());
        assertEquals(sent.subList(1, 2), ids(second));
        HttpResponse<String> rest = physicianB.get("/access-requests?direction=outgoing&before=" + sent.get(1));
        assertEquals(sent.subList(2, sent.size()), ids(rest));
        assertEquals(Optional.empty(), StaffClient.nextPage(rest), "a page short of its limit is the last");
        eventually(() -> physicianA.get("/access-requests?direction=incoming&status=denied"),
                response -> ids(response).contains(requestId), "the denial is listed at Hospital A");
        assertFalse(ids(physicianA.get("/access-requests?direction=incoming&status=pending")).contains(requestId));
        assertProblem(400, "invalid-request", physicianB.get("/access-requests?direction=outgoing&limit=0"));
        assertProblem(400, "invalid-request", physicianB.get("/access-requests?direction=outgoing&limit=201"));
        assertProblem(400, "invalid-request", physicianB.get("/access-requests?direction=outgoing&limit=ten"));
        assertProblem(400, "invalid-request", physicianB.get("/access-requests?direction=outgoing&before=0"));
        assertProblem(400, "invalid-request", physicianB.get("/emergency-access?reviewed=maybe"));
    }

    /**
     * No node takes another's word: the proxy, signing with its own ledger key, asks A for a record B may not read
     * and A refuses on its own chain check; it asks for one B may read without B's own call for it, or with B's call
     * for another record, or with A's call while naming B, and A refuses; B, a hospital but not the custodian, cannot
     * store or withdraw a re-key under A's name at the proxy. The same signed call for a record B may read, with B's
     * call for it, is answered, so the refusals are A's and the proxy's decisions, not signature failures.
     */
    @Test
    @Order(9)
    void aCustodianChecksTheChainItselfAndOnlyTheCustodianManagesItsReKeys() {
        Credentials proxy = Node.PROXY.ledgerAccount();
        Credentials hospitalA = Node.HOSPITAL_A.ledgerAccount();
        Credentials hospitalB = Node.HOSPITAL_B.ledgerAccount();
        String proxyUrl = Node.PROXY.baseUrl() + "/custodia";
        ForwardedCall bAsksForLaboratory = MemberCalls.reEncryptionCall(hospitalB, proxyUrl, laboratoryRecord);
        assertProblem(403, "no-grant", MemberCalls.forwarding(proxy, envelope(imagingRecord, addressB),
                MemberCalls.reEncryptionCall(hospitalB, proxyUrl, imagingRecord)));
        assertProblem(403, "forbidden", MemberCalls.forwarding(proxy, envelope(laboratoryRecord, addressA),
                MemberCalls.reEncryptionCall(hospitalA, proxyUrl, laboratoryRecord)));
        assertProblem(403, "forbidden", MemberCalls.send(proxy, "GET", envelope(laboratoryRecord, addressB),
                new byte[0]));
        assertProblem(403, "forbidden", MemberCalls.forwarding(proxy, envelope(laboratoryRecord, addressB),
                MemberCalls.reEncryptionCall(hospitalB, proxyUrl, imagingRecord)));
        assertProblem(403, "forbidden", MemberCalls.forwarding(proxy, envelope(laboratoryRecord, addressB),
                MemberCalls.reEncryptionCall(hospitalA, proxyUrl, laboratoryRecord)));
        HttpResponse<String> released = MemberCalls.forwarding(proxy, envelope(laboratoryRecord, addressB),
                bAsksForLaboratory);
        assertEquals(200, released.statusCode(), released.body());
        assertTrue(released.headers().firstValue("Content-Type").orElse("").startsWith("application/octet-stream"));
        eventually(() -> privacyOfficerA.get("/audit?action=node-call.envelope.release"),
                response -> listOf(response).stream().anyMatch(
                entry -> entry.getString("action").equals("node-call.envelope.release")
                        && entry.getString("actor").equalsIgnoreCase(proxy.getAddress())
                        && entry.getString("subject").equals(imagingRecord)
                        && !entry.getString("outcome").equals("succeeded")),
                "A audits the refused release with the proxy as actor");

        // the owner key in the path does not matter: the proxy refuses before it looks anything up
        String reKeyPath = Node.PROXY.baseUrl() + "/custodia/node-api/v1/re-keys/" + addressA + "/" + "ab".repeat(32)
                + "/" + addressB;
        assertProblem(403, "forbidden", MemberCalls.send(hospitalB, "PUT", reKeyPath, new byte[276]));
        assertProblem(403, "forbidden", MemberCalls.send(hospitalB, "DELETE", reKeyPath, new byte[0]));
        assertEquals(reKeysHeld, StaffClient.object(proxyAdmin.get("/proxy/status")).getJsonNumber("reKeysHeld")
                .longValue(), "the proxy holds the same re-keys");
        assertProblem(403, "no-grant", physicianB.post(retrieval(imagingRecord)));
    }

    @Test
    @Order(10)
    void afterRevocationRetrievalIsRefusedAndTheProxyLosesTheReKey() {
        HttpResponse<String> revoked = privacyOfficerA.delete("/grants/" + grantId);
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertEquals("revoked", StaffClient.object(revoked).getString("status"));
        assertProblem(403, "grant-revoked", physicianB.post(retrieval(laboratoryRecord)));
        eventually(() -> proxyAdmin.get("/proxy/status"),
                response -> StaffClient.object(response).getJsonNumber("reKeysHeld").longValue() == reKeysHeld - 1,
                "the proxy no longer holds the re-key");
        assertArrayEquals(laboratoryContent, content(physicianB, laboratoryRecord),
                "what B already received stays readable");
    }

    @Test
    @Order(12)
    void emergencyAccessWorksIsFlaggedAndReviewedByTheOtherCustodianOnly() {
        HttpResponse<String> declared = physicianB.postJson("/emergency-access",
                "{\"patientId\":\"" + patientB + "\",\"reasonCode\":1}");
        assertEquals(201, declared.statusCode(), declared.body());
        long emergencyId = StaffClient.object(declared).getJsonNumber("id").longValue();
        assertProblem(409, "conflict", physicianB.postJson("/emergency-access",
                "{\"patientId\":\"" + patientB + "\",\"reasonCode\":2}"));

        JsonObject received = StaffClient.object(eventually(() -> physicianB.post(retrieval(imagingRecord)),
                response -> response.statusCode() == 201, "the emergency re-key reaches the proxy"));
        assertEquals("emergency", received.getString("accessBasis"));
        assertEquals(emergencyId, received.getJsonNumber("accessBasisId").longValue());

        assertEquals(403, privacyOfficerB.post("/emergency-access/" + emergencyId + "/review").statusCode());
        assertTrue(ids(privacyOfficerB.get("/emergency-access?reviewed=false&direction=outgoing"))
                .contains(emergencyId), "B lists its own declaration as outgoing");
        assertFalse(ids(privacyOfficerB.get("/emergency-access?reviewed=false&direction=incoming"))
                .contains(emergencyId), "and not in its review queue");
        assertProblem(400, "invalid-request", privacyOfficerB.get("/emergency-access?direction=sideways"));
        eventually(() -> privacyOfficerA.get("/emergency-access?reviewed=false&direction=incoming"),
                response -> ids(response).contains(emergencyId), "the declaration reaches A's review queue");
        HttpResponse<String> reviewed = privacyOfficerA.post("/emergency-access/" + emergencyId + "/review");
        assertEquals(200, reviewed.statusCode(), reviewed.body());
        assertEquals(addressA, StaffClient.object(reviewed).getString("reviewedBy"));
        assertFalse(ids(privacyOfficerA.get("/emergency-access?reviewed=false")).contains(emergencyId));
        assertEquals(403, nurseB.postJson("/emergency-access",
                "{\"patientId\":\"" + patientB + "\",\"reasonCode\":1}").statusCode(), "nurses cannot declare");
    }

    /**
     * The proxy goes down, and B restarts while it is down; both then start side by side (one wait for two starts).
     * The re-key of a grant issued meanwhile reaches the proxy once it is back, and B still reads what it received.
     */
    @Test
    @Order(11)
    void withTheProxyDownRetrievalFailsCleanlyAndAfterRestartsTheReKeyArrivesAndBStillReadsWhatItReceived()
            throws Exception {
        ConsortiumNodes.stop(Node.PROXY);
        boolean hospitalBStopped = false;
        try {
            HttpResponse<String> granted = physicianA.postJson("/grants", "{\"patientId\":\"" + patientA
                    + "\",\"grantee\":\"" + addressB + "\",\"scope\":{\"kind\":\"category\",\"category\":"
                    + "\"discharge\"},\"purpose\":\"continuity-of-care\",\"expiresAt\":\""
                    + Instant.now().plus(Duration.ofHours(2)) + "\"}");
            assertEquals(201, granted.statusCode(), granted.body());
            assertProblem(503, "proxy-unreachable", physicianB.post(retrieval(dischargeRecords.get(0))));
            assertEquals(404, physicianB.get("/records/" + dischargeRecords.get(0)).statusCode(), "nothing kept");
            ConsortiumNodes.stop(Node.HOSPITAL_B);
            hospitalBStopped = true;
        } finally {
            if (hospitalBStopped) {
                ConsortiumNodes.start(Node.PROXY, Node.HOSPITAL_B);
            } else {
                ConsortiumNodes.start(Node.PROXY);
            }
        }
        assertArrayEquals(laboratoryContent, content(physicianB, laboratoryRecord),
                "B reads what it received after a restart");
        eventually(() -> physicianB.post(retrieval(dischargeRecords.get(0))), response -> response.statusCode() == 201,
                "the retrieval succeeds once the proxy is back");
        assertGrantsComeAPageAtATime();
    }

    /** A's two grants for the patient (the one revoked, then this test's): newest first, a page at a time. */
    private void assertGrantsComeAPageAtATime() {
        String path = "/grants?patientId=" + patientA;
        List<Long> all = ids(physicianA.get(path));
        assertEquals(2, all.size(), all.toString());
        assertEquals(grantId, all.get(1), "newest first");
        HttpResponse<String> first = physicianA.get(path + "&limit=1");
        assertEquals(all.subList(0, 1), ids(first));
        URI older = StaffClient.nextPage(first).orElseThrow(() -> new AssertionError("no link to the next page"));
        assertTrue(older.getQuery().contains("before=" + all.get(0)) && older.getQuery().contains("limit=1"),
                older.toString());
        HttpResponse<String> second = physicianA.get("/grants?" + older.getRawQuery());
        assertEquals(all.subList(1, 2), ids(second));
        assertEquals(Optional.empty(), StaffClient.nextPage(second), "the oldest grant's page is the last, though full");
        assertEquals(Optional.empty(), StaffClient.nextPage(physicianA.get(path)), "a page short of its limit");
        for (String bad : List.of("limit=0", "limit=201", "before=0", "before=last")) {
            assertProblem(400, "invalid-request", physicianA.get(path + "&" + bad));
        }
    }

    @Test
    @Order(13)
    void withTheCustodianDownRetrievalFailsCleanlyAndWorksOnceItIsBack() throws Exception {
        ConsortiumNodes.stop(Node.HOSPITAL_A);
        try {
            assertProblem(502, "custodian-unreachable", physicianB.post(retrieval(dischargeRecords.get(1))));
            assertEquals(404, physicianB.get("/records/" + dischargeRecords.get(1)).statusCode(), "nothing kept");
        } finally {
            ConsortiumNodes.start(Node.HOSPITAL_A);
        }
        eventually(() -> physicianB.post(retrieval(dischargeRecords.get(1))), response -> response.statusCode() == 201,
                "the retrieval succeeds once the custodian is back");
    }

    @Test
    @Order(14)
    void theProxyNeverHeldPlaintextNamesNationalIdsOrPrivateKeys() throws IOException {
        assertFalse(Files.exists(Node.PROXY.secretsDirectory().resolve("pseudonym-key")),
                "the proxy holds no consortium pseudonym key");
        List<byte[]> secrets = List.of(marker.getBytes(StandardCharsets.UTF_8),
                nationalId.getBytes(StandardCharsets.UTF_8), familyName.getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.walk(Node.PROXY.home())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                for (byte[] secret : secrets) {
                    assertFalse(ChainScan.contains(bytes, secret),
                            file + " holds a patient's plaintext, name or national id");
                }
            }
        }
    }

    @Test
    @Order(15)
    void theChainHoldsNoPatientData() {
        try (ChainScan chain = new ChainScan("http://127.0.0.1:" + ConsortiumNodes.chainPort())) {
            List<byte[]> secrets = List.of(marker.getBytes(StandardCharsets.UTF_8),
                    nationalId.getBytes(StandardCharsets.UTF_8), familyName.getBytes(StandardCharsets.UTF_8),
                    "Electrolytes".getBytes(StandardCharsets.UTF_8), "text/plain;".getBytes(StandardCharsets.UTF_8));
            chain.transactionsSince(0).forEach(transaction -> secrets.forEach(secret -> assertFalse(
                    ChainScan.contains(ChainScan.input(transaction), secret), "transaction " + transaction.getHash())));
            chain.allEvents().forEach(log -> secrets.forEach(secret -> assertFalse(
                    ChainScan.contains(ChainScan.content(log), secret), "event in " + log.getTransactionHash())));
        }
    }

    @Test
    @Order(16)
    void afterTheGrantExpiresRetrievalIsRefusedAndTheCustodianWithdrawsTheReKey() throws InterruptedException {
        long wait = Duration.between(Instant.now(), expiresAt).toMillis();
        if (wait > 0) {
            Thread.sleep(wait + 1000);
        }
        assertProblem(403, "grant-expired", physicianB.post(retrieval(expiringRecords.get(1))));
        eventually(() -> privacyOfficerA.get("/audit?action=re-key.withdraw"), response -> StaffClient.array(response)
                        .getValuesAs(JsonObject.class).stream().anyMatch(entry -> entry.getString("action")
                                .equals("re-key.withdraw") && entry.getString("subject").contains(expiringPatientA)
                                && entry.getString("outcome").equals("succeeded")),
                "Hospital A withdraws the expired grant's re-key from the proxy");
    }

    /**
     * The same flow through the staff pages, in headless Chromium at both hospitals: B finds A's records on the
     * patient's chart, requests a category; A's physician approves on the requests page; B retrieves on the chart and
     * reads the bytes A stored; A's privacy officer revokes on A's chart, and B's next retrieval from the chart it had
     * open shows the refusal; A's chart shows its grants a page at a time; B declares emergency access under its
     * warning and A's privacy officer reviews it. No WCAG 2.x A/AA violation on any of these pages.
     */
    @Test
    @Order(17)
    void theSharingFlowWorksThroughThePages() throws Exception {
        String pagesNationalId = "IT-PAGES-" + UUID.randomUUID().toString().substring(0, 12);
        byte[] firstContent = new byte[2 * 1024 * 1024 + 5];
        new Random(17).nextBytes(firstContent);
        System.arraycopy(marker.getBytes(StandardCharsets.UTF_8), 0, firstContent, 0, marker.length());
        Path document = Files.createTempFile("custodia-sharing-page-", ".bin");
        Files.write(document, firstContent);

        try (Browser atB = Browser.start(Node.HOSPITAL_B.baseUrl());
                Browser atA = Browser.start(Node.HOSPITAL_A.baseUrl())) {
            try {
                PatientChartPage chartA = SignInPage.open(atA).signInAs(clerkA).patients().register("MRN-PA-"
                        + UUID.randomUUID().toString().substring(0, 8), familyName, "Page", "1980-04-23",
                        pagesNationalId);
                String patientAtA = chartA.patientId();
                Masthead.signOut(atA);
                UploadPage upload = SignInPage.open(atA).signInAs(physicianA).patients()
                        .findByNationalId(pagesNationalId).upload();
                atA.limitUploads(1024 * 1024);
                try {
                    upload.upload(document, "Pathology", "Biopsy");
                } finally {
                    atA.limitUploads(0);
                }
                assertTrue(upload.progressSeen().stream().anyMatch(percent -> percent > 0 && percent < 100),
                        "the progress bar moved: " + upload.progressSeen());
                assertTrue(upload.result().startsWith("Stored."), upload.result());
                Masthead.signOut(atA);
                String first = StaffClient.array(physicianA.get("/patients/" + patientAtA + "/records"))
                        .getJsonObject(0).getString("id");
                String second = RecordsApi.uploadText(physicianA, patientAtA, "pathology", "Biopsy review",
                        "Sure " + marker);
                RecordsApi.awaitAnchored(physicianA, first);
                RecordsApi.awaitAnchored(physicianA, second);

                PatientsPage patientsAtB = SignInPage.open(atB).signInAs(physicianB).patients();
                String patientAtB = patientsAtB.register("MRN-PB-" + UUID.randomUUID().toString().substring(0, 8),
                        familyName, "Page", "1980-04-23", pagesNationalId).patientId();
                String chartAtB = "/custodia/staff/patient.xhtml?id=" + patientAtB;
                atB.open(PatientsPage.PATH);
                PatientChartPage chartB = new PatientsPage(atB).findByNationalId(pagesNationalId);
                assertEquals("no access", chartB.accessTo(first));
                Accessibility.assertNoViolations(atB.driver(), "chart with records at another hospital");
                RequestAccessPage request = chartB.requestAccessTo(first);
                assertTrue(request.addressee().contains("Hospital A"), request.addressee());
                String categoryLabel = request.scopeLabel("category");
                Accessibility.assertNoViolations(atB.driver(), "access request page");
                atB.screenshot("request-access");
                assertFalse(request.sendWithoutPurpose("category").isBlank(), "the purpose is asked for");
                assertTrue(request.addressee().contains("Hospital A"),
                        "the addressee still named after the form came back: " + request.addressee());
                assertEquals(categoryLabel, request.scopeLabel("category"), "the category still named");
                AccessRequestsPage sent = request.send("category", "Treatment");
                assertTrue(sent.message().startsWith("The request was sent"), sent.message());
                assertEquals("pending", sent.outgoingStatuses().get(0));
                // named as the consortium registry lists them (before, their chain addresses, cut off)
                assertEquals("Hospital A", sent.outgoingCustodians().get(0));
                Accessibility.assertNoViolations(atB.driver(), "requests page (outgoing)");
                long requestId = idOf(physicianB.get("/access-requests?direction=outgoing&status=pending"),
                        patientAtB).orElseThrow();

                eventually(() -> physicianA.get("/access-requests?direction=incoming&status=pending"),
                        response -> ids(response).contains(requestId), "the request reaches Hospital A");
                SignInPage.open(atA).signInAs(physicianA);
                AccessRequestsPage incoming = AccessRequestsPage.open(atA);
                Accessibility.assertNoViolations(atA.driver(), "requests page (incoming)");
                atA.screenshot("access-requests");
                assertTrue(incoming.chartLink(requestId).contains("/staff/patient.xhtml?id=" + patientAtA),
                        "the request names the patient it is about: " + incoming.chartLink(requestId));
                assertEquals("Hospital B", incoming.requester(requestId));
                LocalDate week = LocalDate.now(ZoneOffset.UTC).plusDays(7);
                assertTrue(incoming.approveUntil(requestId, week).startsWith("The request was approved"));
                assertEquals(week.toString(), incoming.approvalDay(), "the day chosen carried over the redirect after "
                        + "the approval, for the next one");

                String retrieved = null;
                for (Instant deadline = Instant.now().plus(EVENTUALLY); Instant.now().isBefore(deadline); ) {
                    atB.open(chartAtB);
                    chartB = new PatientChartPage(atB);
                    if (chartB.offersRetrieval(first)) {
                        retrieved = chartB.retrieve(first);
                        if (retrieved.startsWith("The record was retrieved")) {
                            break;
                        }
                    }
                    Thread.sleep(1000);
                }
                assertEquals("The record was retrieved through the proxy and is now kept here.", retrieved,
                        "the re-key reaches the proxy and the chart retrieves the record");
                assertEquals(sha256(firstContent), atB.sha256Of(chartB.firstDownload()), "B reads the bytes A stored");
                atB.screenshot("chart-after-retrieval");
                assertTrue(chartB.offersRetrieval(second), "the second record of the category is readable too");

                long grantId = listOf(privacyOfficerA.get("/grants?patientId=" + patientAtA)).stream()
                        .filter(grant -> grant.getString("status").equals("active"))
                        .mapToLong(grant -> grant.getJsonNumber("id").longValue()).findFirst().orElseThrow();
                Masthead.signOut(atA).signInAs(privacyOfficerA);
                atA.open("/custodia/staff/patient.xhtml?id=" + patientAtA);
                chartA = new PatientChartPage(atA);
                Accessibility.assertNoViolations(atA.driver(), "chart with grants");
                assertEquals("Hospital B", chartA.grantee(grantId));
                assertEquals("end of " + week + " UTC", chartA.grantEnd(grantId),
                        "the day approved, not the midnight after it");
                assertTrue(chartA.revokeGrant(grantId).startsWith("The grant was revoked"));
                // opened again by its address (post-redirect-get): a reload reads the chart, it does not revoke again;
                // before, the postback's address lost the patient's id
                assertTrue(atA.driver().getCurrentUrl().endsWith("/staff/patient.xhtml?id=" + patientAtA),
                        atA.driver().getCurrentUrl());
                String refusal = chartB.retrieve(second);
                assertTrue(refusal.contains("was revoked by its custodian"), refusal);
                assertEquals(404, physicianB.get("/records/" + second).statusCode(), "nothing kept");
                assertTheChartShowsGrantsAPageAtATime(atA, patientAtA, grantId);

                assertTrue(chartB.emergencyWarning().startsWith("Emergency access opens"));
                assertTrue(chartB.declareEmergency("Unconscious patient").startsWith("Emergency access declared"));
                eventually(() -> privacyOfficerA.get("/emergency-access?reviewed=false"),
                        response -> idOf(response, patientAtA).isPresent(), "the declaration reaches A's review queue");
                long emergencyId = idOf(privacyOfficerA.get("/emergency-access?reviewed=false"), patientAtA)
                        .orElseThrow();
                assertFalse(EmergencyReviewPage.open(atB).lists(emergencyId),
                        "the declaring hospital's queue holds only what it may review: others' declarations");
                EmergencyReviewPage queue = EmergencyReviewPage.open(atA);
                assertTrue(queue.lists(emergencyId));
                assertEquals("Hospital B", queue.declarer(emergencyId));
                Accessibility.assertNoViolations(atA.driver(), "emergency review page");
                atA.screenshot("emergency-reviews");
                assertTrue(queue.review(emergencyId).startsWith("The emergency access is marked reviewed"));
                Masthead.signOut(atA);

                NodeStatusPage statusB = SignInPage.open(atB).signInAs(adminB).status();
                Accessibility.assertNoViolations(atB.driver(), "node status page (hospital B)");
                for (Node member : List.of(Node.HOSPITAL_A, Node.PROXY)) {
                    String account = addressOf(physicianB, member);
                    assertTrue(statusB.reachable(account), member + ": " + statusB.reachability(account));
                }
                atB.screenshot("node-status-consortium");
                Masthead.signOut(atB);
            } catch (AssertionError | RuntimeException e) {
                atB.screenshot("failed-sharing-pages-b");
                atB.savePage("failed-sharing-pages-b");
                atA.screenshot("failed-sharing-pages-a");
                atA.savePage("failed-sharing-pages-a");
                throw e;
            }
        } finally {
            Files.deleteIfExists(document);
        }

        try (Browser atProxy = Browser.start(Node.PROXY.baseUrl())) {
            StaffHomePage home = SignInPage.open(atProxy).signInAs(proxyAdmin);
            assertFalse(home.offersPatients(), "a proxy has no patients");
            assertTrue(home.offers(StaffHomePage.NAV_PROXY));
            ProxyStatusPage proxy = home.proxy();
            Accessibility.assertNoViolations(atProxy.driver(), "proxy status page");
            atProxy.screenshot("proxy-status");
            JsonObject status = StaffClient.object(proxyAdmin.get("/proxy/status"));
            assertTrue(proxy.reEncryptionsServed() >= 1, "at least the walk's retrieval");
            assertEquals(status.getJsonNumber("reEncryptionsServed").longValue(), proxy.reEncryptionsServed());
            assertEquals(status.getJsonNumber("reKeysHeld").longValue(), proxy.reKeysHeld());
            Map<String, Long> refusals = new TreeMap<>();
            status.getJsonObject("refusalsByReason").forEach((reason, count) ->
                    refusals.put(reason, ((JsonNumber) count).longValue()));
            assertEquals(refusals, proxy.refusals(), "the page shows the proxy's own counters");
        }
    }

    /**
     * B keeps one of the patient's four records at A (the laboratory record it retrieved): the list is newest first,
     * a page at a time through its Link, and kept=false leaves out what B keeps, kept=true the rest.
     */
    private void assertConsortiumRecordsComeAPageAtATime() {
        List<JsonObject> records = consortiumRecords();
        List<String> all = records.stream().map(record -> record.getString("id")).toList();
        assertEquals(4, all.size(), records.toString());
        List<Instant> anchored = records.stream().map(record -> Instant.parse(record.getString("anchoredAt"))).toList();
        assertEquals(anchored.stream().sorted(Comparator.reverseOrder()).toList(), anchored, "newest first");
        String path = "/patients/" + patientB + "/consortium-records";
        HttpResponse<String> first = physicianB.get(path + "?limit=3");
        assertEquals(all.subList(0, 3), recordIds(first));
        URI older = StaffClient.nextPage(first).orElseThrow(() -> new AssertionError("no link to the next page"));
        assertTrue(older.getQuery().contains("before=2") && older.getQuery().contains("limit=3"), older.toString());
        HttpResponse<String> last = physicianB.get(path + "?" + older.getRawQuery());
        assertEquals(all.subList(3, 4), recordIds(last));
        assertEquals(Optional.empty(), StaffClient.nextPage(last), "the oldest record ends the list");

        List<String> notKept = new ArrayList<>(all);
        notKept.remove(laboratoryRecord);
        assertEquals(notKept, recordIds(physicianB.get(path + "?kept=false")));
        assertEquals(List.of(laboratoryRecord), recordIds(physicianB.get(path + "?kept=true")));
        HttpResponse<String> notKeptFirst = physicianB.get(path + "?kept=false&limit=2");
        assertEquals(notKept.subList(0, 2), recordIds(notKeptFirst));
        URI notKeptOlder = StaffClient.nextPage(notKeptFirst)
                .orElseThrow(() -> new AssertionError("no link to the next page of records not kept"));
        assertEquals(notKept.subList(2, 3), recordIds(physicianB.get(path + "?" + notKeptOlder.getRawQuery())),
                "the filter is kept across pages");
        for (String bad : List.of("kept=maybe", "limit=0", "limit=201", "before=0", "before=last")) {
            assertProblem(400, "invalid-request", physicianB.get(path + "?" + bad));
        }
    }

    /**
     * A's chart shows its grants for the patient twenty at a time, newest first: with twenty more, the revoked grant
     * moves to the older page. They cover a category the patient has no record of: B may read nothing more (the proxy
     * holds the pair's re-key again, but A checks each release against the grant's scope).
     */
    private void assertTheChartShowsGrantsAPageAtATime(Browser atA, String patient, long revoked) {
        for (int i = 0; i < 19; i++) {
            HttpResponse<String> granted = physicianA.postJson("/grants", "{\"patientId\":\"" + patient
                    + "\",\"grantee\":\"" + addressB + "\",\"scope\":{\"kind\":\"category\",\"category\":"
                    + "\"imaging\"},\"purpose\":\"treatment\",\"expiresAt\":\""
                    + Instant.now().plus(Duration.ofHours(1)) + "\"}");
            assertEquals(201, granted.statusCode(), granted.body());
        }
        // the twentieth through the grant page, from the chart
        atA.open("/custodia/staff/patient.xhtml?id=" + patient);
        GrantPage grantPage = new PatientChartPage(atA).grant();
        Accessibility.assertNoViolations(atA.driver(), "grant page");
        assertEquals(List.of("Hospital B"), grantPage.grantees(), "the other hospitals, not this one or the proxy");
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        grantPage.grantCategory("Hospital B", null, "Treatment", tomorrow);
        assertEquals("Category: choose one, or grant every record of the patient.", grantPage.message());
        grantPage.grantCategory("Hospital B", "Imaging", "Treatment", tomorrow);
        PatientChartPage chart = new PatientChartPage(atA);
        assertTrue(atA.text(PatientChartPage.MESSAGES).startsWith("The grant was issued"),
                atA.text(PatientChartPage.MESSAGES));
        List<Long> newest = ids(physicianA.get("/grants?patientId=" + patient + "&limit=20"));
        assertEquals(20, newest.size());
        assertEquals("end of " + tomorrow + " UTC", chart.grantEnd(newest.get(0)), "the page's grant, newest");
        assertEquals(newest, chart.grantIds(), "the newest twenty, newest first");
        chart = chart.olderGrants();
        assertTrue(chart.grantIds().contains(revoked), "the revoked grant is older: " + chart.grantIds());
        assertFalse(chart.grantIds().stream().anyMatch(newest::contains), "no grant shown twice");
        Accessibility.assertNoViolations(atA.driver(), "chart, an older page of its grants");
        assertEquals(newest, chart.newestGrants().grantIds());
    }

    private static List<String> recordIds(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return StaffClient.array(response).getValuesAs(JsonObject.class).stream()
                .map(record -> record.getString("id")).toList();
    }

    private List<JsonObject> consortiumRecords() {
        HttpResponse<String> response = physicianB.get("/patients/" + patientB + "/consortium-records");
        assertEquals(200, response.statusCode(), response.body());
        return StaffClient.array(response).getValuesAs(JsonObject.class);
    }

    @Test
    @Order(18)
    void theWholeSharingFlowWorksOverSoap() throws Exception {
        new SoapSharingFlow(addressA, addressB).run();
    }

    private static String sha256(byte[] content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static String envelope(String recordId, String accessor) {
        return Node.HOSPITAL_A.baseUrl() + "/custodia/node-api/v1/records/" + recordId + "/envelope?accessor="
                + accessor;
    }

    private static String retrieval(String recordId) {
        return "/consortium-records/" + recordId + "/retrieval";
    }

    private static String request(String patient, String custodian, String scope, String purpose) {
        return "{\"patientId\":\"" + patient + "\",\"custodian\":\"" + custodian + "\",\"scope\":" + scope
                + ",\"purpose\":" + Json.createValue(purpose) + "}";
    }

    private static byte[] content(StaffClient staff, String recordId) {
        HttpResponse<InputStream> response = staff.download("/records/" + recordId + "/content");
        try (InputStream body = response.body()) {
            assertEquals(200, response.statusCode());
            return body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String addressOf(StaffClient staff, Node node) {
        return StaffClient.array(staff.get("/consortium/members")).getValuesAs(JsonObject.class).stream()
                .filter(member -> member.getString("displayName").equals(node.displayName()))
                .map(member -> member.getString("address")).findFirst()
                .orElseThrow(() -> new AssertionError(node.displayName() + " is not a member"));
    }

    private static List<Long> ids(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return StaffClient.array(response).getValuesAs(JsonObject.class).stream()
                .map(entry -> entry.getJsonNumber("id").longValue()).toList();
    }

    /** The id of the first entry of a listing that concerns {@code patientId} (requests, emergency accesses). */
    private static OptionalLong idOf(HttpResponse<String> response, String patientId) {
        return listOf(response).stream().filter(entry -> entry.getString("patientId", "").equals(patientId))
                .mapToLong(entry -> entry.getJsonNumber("id").longValue()).findFirst();
    }

    private static List<JsonObject> listOf(HttpResponse<String> response) {
        return StaffClient.array(response).getValuesAs(JsonValue::asJsonObject);
    }

    /** Polls until {@code done} holds (the consent events and the re-key outbox work in the background). */
    private static HttpResponse<String> eventually(Supplier<HttpResponse<String>> call,
            Predicate<HttpResponse<String>> done, String what) {
        return Eventually.within(EVENTUALLY, POLL, what).until(call, done);
    }

    private static void assertProblem(int status, String type, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("urn:custodia:problem:" + type, StaffClient.object(response).getString("type"), response.body());
    }
}
