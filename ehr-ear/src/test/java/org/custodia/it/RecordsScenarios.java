package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import javax.net.ssl.SSLSocket;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.custodia.ledger.testing.AnvilNode;
import org.junit.jupiter.api.Test;

/**
 * Health records over the REST API on a running node: streaming upload and download (1 KiB and 100 MiB), anchoring
 * on the local chain (also while the chain node is down: uploads wait for their anchor, downloads need an anchor read
 * before), a patient's records listed a page at a time, a tampered envelope refused and audited, and roles without
 * permission refused without effect.
 */
abstract class RecordsScenarios {

    private static final long HUNDRED_MIB = 100L * 1024 * 1024;


    private final StaffClient admin = StaffClient.admin();

    @Test
    void aSmallRecordIsAnchoredAndDownloadsAsUploaded() {
        StaffClient physician = admin.createAccount("physician");
        String patient = RecordsApi.registerPatient(admin);
        byte[] document = new byte[1024];
        new Random(1).nextBytes(document);

        HttpResponse<String> uploaded = physician.upload(RecordsApi.recordsOf(patient, "laboratory", "Blood count"),
                "application/pdf", document);
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        JsonObject record = StaffClient.object(uploaded);
        assertEquals(1024, record.getJsonNumber("size").longValue());
        assertEquals("laboratory", record.getString("category"));
        assertEquals(physician.username(), record.getString("createdBy"));
        assertTrue(uploaded.headers().firstValue("Location").orElseThrow().endsWith("/records/"
                + record.getString("id")));

        JsonObject anchored = RecordsApi.awaitAnchored(physician, record.getString("id"));
        assertTrue(anchored.getString("anchorTransaction").startsWith("0x"), anchored.toString());
        StaffClient privacyOfficer = admin.createAccount("privacy-officer");
        HttpResponse<String> audit = privacyOfficer.get("/audit?action=record.upload&subject=" + record.getString("id"));
        assertEquals(List.of("succeeded " + physician.username() + " patient " + patient + ", category laboratory, "
                        + "1024 bytes"), StaffClient.array(audit).stream().map(JsonObject.class::cast)
                        .map(entry -> entry.getString("outcome") + " " + entry.getString("actor") + " "
                                + entry.getString("detail")).toList(),
                "one entry, with the subject and detail set before it was written with the record: " + audit.body());

        HttpResponse<InputStream> download = physician.download("/records/" + record.getString("id") + "/content");
        assertEquals(200, download.statusCode());
        assertEquals("application/pdf", download.headers().firstValue("Content-Type").orElseThrow());
        assertArrayEquals(document, RecordsApi.readAll(download.body()));
        // the patient's id finds who read the patient's records: each read's entry names the patient
        List<String> acts = StaffClient.array(privacyOfficer.get("/audit?subject=" + patient)).stream()
                .map(JsonObject.class::cast).map(entry -> entry.getString("action") + " " + entry.getString("subject"))
                .toList();
        assertTrue(acts.containsAll(List.of("record.upload " + record.getString("id"), "record.details "
                + record.getString("id"), "record.download " + record.getString("id"))), acts.toString());

        // a HEAD gives the download's headers from the record's metadata: nothing decrypted, no download audited
        String recordAudit = "/audit?subject=" + record.getString("id");
        List<String> before = auditedActions(privacyOfficer, recordAudit);
        HttpResponse<String> head = physician.head("/records/" + record.getString("id") + "/content");
        assertEquals(200, head.statusCode());
        assertEquals("application/pdf", head.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("1024", head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("", head.body());
        List<String> after = auditedActions(privacyOfficer, recordAudit);
        assertEquals(1, Collections.frequency(after, "record.download"), "the HEAD is no download: " + after);
        assertEquals(Collections.frequency(before, "record.details") + 1, Collections.frequency(after,
                "record.details"), "it read the metadata: " + after);

        byte[] fhirBundle = ("{\"resourceType\": \"Bundle\", \"entry\": [" + "{},".repeat(40_000) + "{}]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> json = physician.upload(RecordsApi.recordsOf(patient, "laboratory", "FHIR bundle"),
                "application/fhir+json", fhirBundle);
        assertEquals(201, json.statusCode(), "a JSON record is streamed like any other, whatever its size: "
                + json.body());
    }

    @Test
    void aPatientsRecordsAreListedNewestFirstAPageAtATime() {
        StaffClient physician = admin.createAccount("physician");
        String patient = RecordsApi.registerPatient(admin);
        List<String> uploaded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            uploaded.add(RecordsApi.uploadText(physician, patient, "laboratory", "Result " + i, "value " + i));
        }
        List<String> newestFirst = new ArrayList<>(uploaded);
        Collections.reverse(newestFirst);
        String path = "/patients/" + patient + "/records";
        assertEquals(newestFirst, recordIds(physician.get(path)), "all five on the first page, newest first");

        HttpResponse<String> first = physician.get(path + "?limit=2");
        assertEquals(newestFirst.subList(0, 2), recordIds(first));
        URI second = StaffClient.nextPage(first).orElseThrow(() -> new AssertionError("no link to the next page"));
        assertTrue(second.getQuery().contains("before=" + newestFirst.get(1)) && second.getQuery().contains("limit=2"),
                second.toString());
        HttpResponse<String> middle = physician.get(path + "?" + second.getRawQuery());
        assertEquals(newestFirst.subList(2, 4), recordIds(middle));
        HttpResponse<String> last = physician.get(path + "?" + StaffClient.nextPage(middle).orElseThrow().getRawQuery());
        assertEquals(newestFirst.subList(4, 5), recordIds(last));
        assertEquals(Optional.empty(), StaffClient.nextPage(last), "the oldest record ends the list");
        assertEquals(Optional.empty(), StaffClient.nextPage(physician.get(path)), "a page short of its limit");
        HttpResponse<String> exactly = physician.get(path + "?limit=5");
        assertEquals(newestFirst, recordIds(exactly));
        assertEquals(Optional.empty(), StaffClient.nextPage(exactly), "a full page with nothing older is the last");

        String otherPatientsRecord = RecordsApi.uploadText(physician, RecordsApi.registerPatient(admin), "laboratory",
                "Someone else's", "other");
        for (String query : List.of("limit=0", "limit=201", "limit=many", "before=nope", "before=" + "0".repeat(64),
                "before=" + otherPatientsRecord)) {
            HttpResponse<String> refused = physician.get(path + "?" + query);
            assertEquals(400, refused.statusCode(), query + ": " + refused.body());
        }
        StaffClient privacyOfficer = admin.createAccount("privacy-officer");
        assertEquals(List.of("succeeded 2 records before " + newestFirst.get(1), "succeeded 2 records"),
                StaffClient.array(privacyOfficer.get("/audit?action=record.list&actor=" + physician.username()
                        + "&limit=100")).stream().map(JsonObject.class::cast)
                        .filter(entry -> entry.getString("detail", "").startsWith("2 records"))
                        .map(entry -> entry.getString("outcome") + " " + entry.getString("detail")).toList());
    }

    private static List<String> recordIds(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return StaffClient.array(response).stream().map(JsonObject.class::cast).map(r -> r.getString("id")).toList();
    }

    @Test
    void a100MibRecordStreamsUpAndDownUnchanged() throws IOException {
        StaffClient nurse = admin.createAccount("nurse");
        String patient = RecordsApi.registerPatient(admin);
        GeneratedContent content = new GeneratedContent(HUNDRED_MIB, 100);

        HttpResponse<String> uploaded = nurse.upload(RecordsApi.recordsOf(patient, "imaging", "CT series"),
                "application/octet-stream", content::stream);
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        JsonObject record = StaffClient.object(uploaded);
        assertEquals(HUNDRED_MIB, record.getJsonNumber("size").longValue());
        RecordsApi.awaitAnchored(nurse, record.getString("id"));

        HttpResponse<InputStream> download = nurse.download("/records/" + record.getString("id") + "/content");
        assertEquals(200, download.statusCode());
        assertEquals(content.sha256(), GeneratedContent.sha256(download.body()), "the same bytes came back");
    }

    @Test
    void aTamperedEnvelopeIsRefusedAndAudited() throws IOException {
        StaffClient physician = admin.createAccount("physician");
        StaffClient privacyOfficer = admin.createAccount("privacy-officer");
        String patient = RecordsApi.registerPatient(admin);
        HttpResponse<String> uploaded = physician.upload(RecordsApi.recordsOf(patient, "laboratory", "Lipid panel"),
                "text/plain", "LDL 130 mg/dL".repeat(1000).getBytes(StandardCharsets.UTF_8));
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        JsonObject record = RecordsApi.awaitAnchored(physician, StaffClient.object(uploaded).getString("id"));
        String recordId = record.getString("id");

        Path envelope = TestNode.envelopeFile(record.getString("envelopeSha256"));
        byte[] original = Files.readAllBytes(envelope);
        byte[] tampered = original.clone();
        tampered[tampered.length / 2] ^= 0x20;
        Files.write(envelope, tampered);
        try {
            HttpResponse<String> refused = physician.get("/records/" + recordId + "/content");
            assertEquals(422, refused.statusCode(), refused.body());
            assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElseThrow());
            JsonObject problem = StaffClient.object(refused);
            assertEquals("urn:custodia:problem:refused", problem.getString("type"));
            assertTrue(problem.getString("detail").contains(recordId), problem.toString());
        } finally {
            Files.write(envelope, original);
        }

        HttpResponse<String> audit = privacyOfficer.get("/audit?limit=50");
        assertEquals(200, audit.statusCode(), audit.body());
        assertTrue(StaffClient.array(audit).stream().map(JsonObject.class::cast).anyMatch(entry ->
                        entry.getString("action").equals("record.download")
                                && entry.getString("subject").equals(recordId)
                                && entry.getString("outcome").equals("refused")
                                && entry.getString("actor").equals(physician.username())),
                "the refusal is in the audit trail: " + audit.body());
        assertEquals(200, physician.download("/records/" + recordId + "/content").statusCode(),
                "the restored envelope is served again");
    }

    /**
     * With the chain node down: a record whose anchor the node made or read before is still served, from the
     * connector's memory of anchors (an anchor never changes); an upload is stored with its anchor pending. Once the
     * node is back, the pending anchor goes on chain and the record is served checked against it. (An anchor the node
     * neither made nor read since it started is refused with 503 while the chain is down: see
     * {@link ServerRestartScenarios}.)
     */
    @Test
    void whileTheChainIsDownAnchorsMadeOrReadHereAreServedAndUploadsWait() {
        StaffClient physician = admin.createAccount("physician");
        String patient = RecordsApi.registerPatient(admin);
        String readBefore = RecordsApi.uploadText(physician, patient, "laboratory", "Read before", "4.1 mmol/L");
        String neverRead = RecordsApi.uploadText(physician, patient, "laboratory", "Never read", "5.2 mmol/L");
        RecordsApi.awaitAnchored(physician, readBefore);
        RecordsApi.awaitAnchored(physician, neverRead);
        assertEquals("4.1 mmol/L", RecordsApi.downloadText(physician, readBefore));

        AnvilNode chain = LocalChain.node();
        HttpResponse<String> uploaded;
        chain.stop();
        try {
            assertEquals("4.1 mmol/L", RecordsApi.downloadText(physician, readBefore),
                    "an anchor read before is served without the chain node");
            assertEquals("5.2 mmol/L", RecordsApi.downloadText(physician, neverRead),
                    "an anchor this node made is served without the chain node");

            uploaded = physician.upload(RecordsApi.recordsOf(patient, "discharge", "Discharge letter"), "text/plain",
                    "discharged in good health".getBytes(StandardCharsets.UTF_8));
            assertEquals(201, uploaded.statusCode(), uploaded.body());
            assertEquals("pending", StaffClient.object(uploaded).getString("anchorStatus"),
                    "stored and recorded, its anchor waiting in the outbox");
            JsonObject failing = awaitFailingAnchor(StaffClient.object(uploaded).getString("id"));
            assertTrue(failing.getInt("attempts") >= 1, failing.toString());
            assertFalse(failing.getString("lastError").isBlank(), "the administrators see why: " + failing);
            assertFalse(failing.containsKey("conflictSince"), "retried, not in conflict: " + failing);
        } finally {
            chain.restart();
        }
        String id = StaffClient.object(uploaded).getString("id");
        JsonObject anchored = RecordsApi.awaitAnchored(physician, id);
        assertEquals("discharged in good health", RecordsApi.downloadText(physician, anchored.getString("id")),
                "checked against the chain and served");
        assertTrue(outboxFailing().stream().noneMatch(command -> command.getString("subject").equals(id)),
                "gone from the outbox once anchored");
        assertEquals(403, physician.get("/outbox").statusCode(), "the outbox is for administrators");
    }

    /** The anchor of {@code record} as the outbox lists it among its failing commands, once an attempt failed. */
    private JsonObject awaitFailingAnchor(String record) {
        return Eventually.within(RecordsApi.ANCHOR_WAIT, Duration.ofMillis(500), "a failed anchor attempt")
                .until(() -> outboxFailing().stream().filter(command -> command.getString("subject").equals(record)
                        && command.getString("kind").equals("chain.anchor-record")).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private List<JsonObject> outboxFailing() {
        HttpResponse<String> outbox = admin.get("/outbox");
        assertEquals(200, outbox.statusCode(), outbox.body());
        return StaffClient.object(outbox).getJsonArray("failing").getValuesAs(JsonObject.class);
    }

    /**
     * An upload whose connection ends after part of the length it declared stores nothing, and is audited as failed,
     * saying why. The client waits for the node's {@code 100 Continue}, which Payara sends once the request is handed
     * to the application, so that the upload is under way when the connection ends (one that ends before is never
     * started). Payara's HTTP layer fails the read (an {@code EOFException}, measured; a read timeout after about 30 s
     * were the close not seen); a container that read an early end as the body's end would have had the part kept as
     * the whole document and anchored, but for the check of the declared length ({@code EnvelopePipelineTest}).
     */
    @Test
    void anUploadWhoseConnectionEndsBeforeItsDeclaredLengthStoresNothing() throws IOException {
        StaffClient physician = admin.createAccount("physician");
        String patient = RecordsApi.registerPatient(admin);
        RecordsApi.RecordUpload upload = RecordsApi.recordsOf(patient, "laboratory", "Cut short");
        URI node = URI.create(TestNode.baseUrl());
        String credentials = Base64.getEncoder().encodeToString((physician.username() + ":" + physician.password())
                .getBytes(StandardCharsets.UTF_8));
        byte[] part = new byte[1000];
        new Random(3).nextBytes(part);
        try (SSLSocket socket = (SSLSocket) TestTrust.CONTEXT.getSocketFactory().createSocket(node.getHost(),
                node.getPort())) {
            socket.setSoTimeout((int) Duration.ofMinutes(1).toMillis());
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(("POST /custodia/api" + upload.path() + " HTTP/1.1\r\nHost: " + node.getHost() + ":"
                    + node.getPort() + "\r\nAuthorization: Basic " + credentials + "\r\nContent-Type: application/pdf"
                    + "\r\nCustodia-Record-Title: " + upload.titleHeader() + "\r\nContent-Length: 4096"
                    + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String interim = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 100", interim, "the node asks for the body once the upload is under way");
            out.write(part);
            out.flush();
        }

        StaffClient privacyOfficer = admin.createAccount("privacy-officer");
        List<String> entries = Eventually.within(Duration.ofSeconds(90), Duration.ofMillis(200), "the upload audited")
                .until(() -> StaffClient.array(privacyOfficer.get("/audit?action=record.upload&subject=" + patient))
                        .stream().map(JsonObject.class::cast)
                        .map(entry -> entry.getString("outcome") + " " + entry.getString("detail")).toList(),
                        found -> !found.isEmpty());
        assertEquals(1, entries.size(), entries.toString());
        assertTrue(entries.get(0).startsWith("failed not completed: ") && !entries.get(0).endsWith("null"),
                "failed, saying why: " + entries);
        assertEquals(0, StaffClient.array(physician.get("/patients/" + patient + "/records")).size(),
                "nothing stored for the patient");
    }

    @Test
    void aRecordsTitleTravelsInAHeaderAndNeverInTheUrl() {
        StaffClient physician = admin.createAccount("physician");
        StaffClient clerk = admin.createAccount("clerk");
        StaffClient privacyOfficer = admin.createAccount("privacy-officer");
        String patient = RecordsApi.registerPatient(admin);
        String title = "Röntgen Thorax – p.a. (K+ 50%) \uD83E\uDE7A";
        RecordsApi.RecordUpload upload = RecordsApi.recordsOf(patient, "imaging", title);
        HttpResponse<String> stored = physician.upload(upload, "text/plain", "x-ray".getBytes(StandardCharsets.UTF_8));
        assertEquals(201, stored.statusCode(), stored.body());
        assertEquals(title, StaffClient.object(stored).getString("title"));
        assertEquals(title, StaffClient.object(physician.get("/records/" + StaffClient.object(stored).getString("id")))
                .getString("title"));

        RecordsApi.RecordUpload titleInUrl = new RecordsApi.RecordUpload(upload.path() + "&title=Glucose",
                upload.titleHeader());
        assertEquals(403, clerk.upload(titleInUrl, "text/plain", new byte[1]).statusCode(), "the role decides first");
        HttpResponse<String> inUrl = physician.upload(titleInUrl, "text/plain", new byte[1]);
        assertEquals(400, inUrl.statusCode(), inUrl.body());
        assertTrue(StaffClient.object(inUrl).getString("detail").contains("not in the URL"), inUrl.body());
        Map<String, String> refusals = Map.of("%zz", "percent-encoded", "50%", "percent-encoded",
                "%C3", "percent-encoded", "%00", "one line of text", "line%0Abreak", "one line of text",
                "%20", "a record title is required");
        refusals.forEach((header, why) -> {
            HttpResponse<String> refused = physician.upload(new RecordsApi.RecordUpload(upload.path(), header),
                    "text/plain", new byte[1]);
            assertEquals(400, refused.statusCode(), header + ": " + refused.body());
            assertTrue(StaffClient.object(refused).getString("detail").contains(why), header + ": " + refused.body());
        });

        assertEquals(1, StaffClient.array(physician.get("/patients/" + patient + "/records")).size(),
                "only the first upload stored a record");
        List<String> outcomes = StaffClient.array(privacyOfficer.get("/audit?action=record.upload&actor="
                + physician.username() + "&subject=" + patient)).stream().map(JsonObject.class::cast)
                .map(entry -> entry.getString("outcome")).toList();
        assertEquals(8, outcomes.size(), outcomes.toString());
        assertEquals(7, Collections.frequency(outcomes, "refused"), "each refusal audited: " + outcomes);
    }

    @Test
    void rolesWithoutPermissionAreRefusedAndChangeNothing() {
        StaffClient physician = admin.createAccount("physician");
        StaffClient clerk = admin.createAccount("clerk");
        StaffClient privacyOfficer = admin.createAccount("privacy-officer");
        String patient = RecordsApi.registerPatient(admin);
        HttpResponse<String> uploaded = physician.upload(RecordsApi.recordsOf(patient, "laboratory", "Glucose"), "text/plain",
                "5.4 mmol/L".getBytes(StandardCharsets.UTF_8));
        String recordId = StaffClient.object(uploaded).getString("id");

        HttpResponse<String> clerkUpload = clerk.upload(RecordsApi.recordsOf(patient, "laboratory", "Forged"), "text/plain",
                "forged".getBytes(StandardCharsets.UTF_8));
        assertEquals(403, clerkUpload.statusCode(), clerkUpload.body());
        assertEquals("urn:custodia:problem:forbidden", StaffClient.object(clerkUpload).getString("type"));
        HttpResponse<String> untitled = clerk.upload(RecordsApi.recordsOf(patient, "laboratory", ""), "text/plain",
                "forged".getBytes(StandardCharsets.UTF_8));
        assertEquals(403, untitled.statusCode(), "the role decides before the fields are read: " + untitled.body());
        HttpResponse<String> physicianUntitled = physician.upload(RecordsApi.recordsOf(patient, "laboratory", ""),
                "text/plain", "5.5 mmol/L".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, physicianUntitled.statusCode(), physicianUntitled.body());
        HttpResponse<String> refusedUpload = privacyOfficer.get("/audit?action=record.upload&actor="
                + physician.username() + "&subject=" + patient);
        assertEquals(List.of("refused", "succeeded"), StaffClient.array(refusedUpload).stream()
                .map(JsonObject.class::cast).map(entry -> entry.getString("outcome")).sorted().toList(),
                "the upload without a title is audited as refused beside the one before: " + refusedUpload.body());
        assertEquals(403, clerk.upload(RecordsApi.recordsOf("not-a-patient-id", "laboratory", "Forged"),
                "text/plain", "forged".getBytes(StandardCharsets.UTF_8)).statusCode(),
                "the role decides before the patient id is read");
        HttpResponse<String> noPatient = physician.upload(RecordsApi.recordsOf("not-a-patient-id", "laboratory",
                "Glucose"), "text/plain", "5.6 mmol/L".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, noPatient.statusCode(), noPatient.body());
        assertEquals(403, clerk.postJson("/grants", "{}").statusCode(), "the role decides before the body is read");
        HttpResponse<String> badGrant = physician.postJson("/grants", "{\"patientId\":\"not-a-patient-id\"}");
        assertEquals(400, badGrant.statusCode(), badGrant.body());
        assertTrue(StaffClient.object(badGrant).getString("detail").contains("patientId must be a patient id"),
                badGrant.body());
        String typedNationalId = "NID-REC-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(403, clerk.get("/records/" + typedNationalId).statusCode(),
                "the role decides before the record id is read");
        HttpResponse<String> notARecordId = physician.get("/records/" + typedNationalId);
        assertEquals(400, notARecordId.statusCode(), notARecordId.body());
        assertFalse(StaffClient.object(notARecordId).getString("detail").contains(typedNationalId),
                notARecordId.body());
        assertEquals(400, physician.get("/records/" + typedNationalId + "/content").statusCode());
        assertEquals("[]", privacyOfficer.get("/audit?subject=" + typedNationalId).body(),
                "what was typed where a record id belongs is not in the audit trail");
        for (String action : List.of("record.upload", "grant.create", "record.details", "record.download")) {
            HttpResponse<String> unreadable = privacyOfficer.get("/audit?action=" + action + "&actor="
                    + physician.username() + "&subject=(unreadable)");
            assertEquals(List.of("refused"), StaffClient.array(unreadable).stream().map(JsonObject.class::cast)
                    .map(entry -> entry.getString("outcome")).toList(), action + ", the text sent not named: "
                    + unreadable.body());
        }
        assertEquals(403, physician.get("/audit?from=yesterday&limit=many").statusCode(),
                "the role decides before the search's fields are read");
        assertEquals(400, privacyOfficer.get("/audit?from=yesterday").statusCode());
        assertEquals(403, privacyOfficer.get("/records/" + recordId + "/content").statusCode(),
                "privacy officers see metadata, not content");
        assertEquals(200, privacyOfficer.get("/records/" + recordId).statusCode());
        assertEquals(403, physician.postJson("/staff", Json.createObjectBuilder()
                .add("username", "self.promoted." + UUID.randomUUID().toString().substring(0, 6))
                .add("displayName", "Self promoted")
                .add("password", "a long enough password")
                .add("roles", Json.createArrayBuilder().add("admin"))
                .build().toString()).statusCode(), "only administrators create accounts");

        HttpResponse<String> records = physician.get("/patients/" + patient + "/records");
        assertEquals(1, StaffClient.array(records).size(), "the refused upload left nothing: " + records.body());
        HttpResponse<String> audit = privacyOfficer.get("/audit?limit=100");
        assertTrue(StaffClient.array(audit).stream().map(JsonObject.class::cast).anyMatch(entry ->
                entry.getString("action").equals("access.denied")
                        && entry.getString("actor").equals(clerk.username())), audit.body());

        HttpResponse<String> anonymous = StaffClient.anonymous().get("/patients/" + patient + "/records");
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic"));
    }

    private static List<String> auditedActions(StaffClient privacyOfficer, String query) {
        return StaffClient.array(privacyOfficer.get(query)).stream().map(JsonObject.class::cast)
                .map(entry -> entry.getString("action")).toList();
    }
}
