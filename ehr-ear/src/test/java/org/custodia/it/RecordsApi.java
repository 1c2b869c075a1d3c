package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** The steps record tests share over the REST API: registering a patient, uploading, waiting for the anchor. */
final class RecordsApi {

    static final Duration ANCHOR_WAIT = Duration.ofSeconds(90);

    private RecordsApi() {
    }

    /** Registers a patient with fresh identifiers (as a new clerk account) and returns the patient's id. */
    static String registerPatient(StaffClient admin) {
        return registerPatient(admin.createAccount("clerk"), "MRN-" + UUID.randomUUID().toString().substring(0, 8),
                "Roe", "Jane", "IT" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    static String registerPatient(StaffClient clerk, String mrn, String familyName, String givenName,
            String nationalId) {
        HttpResponse<String> registered = clerk.postJson("/patients", Json.createObjectBuilder()
                .add("mrn", mrn)
                .add("familyName", familyName)
                .add("givenName", givenName)
                .add("birthDate", LocalDate.of(1980, 2, 29).toString())
                .add("nationalId", nationalId)
                .build().toString());
        assertEquals(201, registered.statusCode(), registered.body());
        return StaffClient.object(registered).getString("id");
    }

    /**
     * An upload of a record: the path of the patient's records with the category, and the title as its
     * {@code Custodia-Record-Title} header carries it (UTF-8, percent-encoded).
     */
    record RecordUpload(String path, String titleHeader) {
    }

    /** The upload of a record of {@code category} titled {@code title} to a patient's records. */
    static RecordUpload recordsOf(String patient, String category, String title) {
        return new RecordUpload("/patients/" + patient + "/records?category=" + category,
                URLEncoder.encode(title, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** Uploads a small text record and returns its id. */
    static String uploadText(StaffClient staff, String patient, String category, String title, String text) {
        HttpResponse<String> uploaded = staff.upload(recordsOf(patient, category, title), "text/plain",
                text.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        return StaffClient.object(uploaded).getString("id");
    }

    /** Polls the record until its anchor is on chain; fails after {@link #ANCHOR_WAIT}. */
    static JsonObject awaitAnchored(StaffClient staff, String recordId) {
        return Eventually.within(ANCHOR_WAIT, Duration.ofMillis(500), "record " + recordId + " anchored").until(() -> {
            HttpResponse<String> response = staff.get("/records/" + recordId);
            assertEquals(200, response.statusCode(), response.body());
            return StaffClient.object(response);
        }, record -> record.getString("anchorStatus").equals("anchored"));
    }

    /** A text record's content, which must download with 200. */
    static String downloadText(StaffClient staff, String recordId) {
        HttpResponse<InputStream> download = staff.download("/records/" + recordId + "/content");
        byte[] content = readAll(download.body());
        assertEquals(200, download.statusCode(), () -> new String(content, StandardCharsets.UTF_8));
        return new String(content, StandardCharsets.UTF_8);
    }

    static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
