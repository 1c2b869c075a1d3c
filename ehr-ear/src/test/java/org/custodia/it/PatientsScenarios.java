package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/**
 * Patient registration and look-up over the REST API, duplicates refused without effect, staff accounts created by
 * the administrator only, and errors as problem details.
 */
abstract class PatientsScenarios {


    private final StaffClient admin = StaffClient.admin();

    @Test
    void aRegisteredPatientIsFoundByMrnNationalIdAndId() {
        StaffClient clerk = admin.createAccount("clerk");
        String mrn = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        String nationalId = "AB" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();

        HttpResponse<String> registered = clerk.postJson("/patients", patient(mrn, nationalId));
        assertEquals(201, registered.statusCode(), registered.body());
        JsonObject patient = StaffClient.object(registered);
        assertEquals(mrn, patient.getString("mrn"));
        assertEquals(64, patient.getString("pseudonym").length());
        assertEquals("1980-02-29", patient.getString("birthDate"));
        assertEquals(clerk.username(), patient.getString("registeredBy"));
        String id = patient.getString("id");

        assertEquals(id, StaffClient.object(clerk.get("/patients?mrn=" + mrn)).getString("id"));
        String spacedLowerCase = nationalId.substring(0, 4).toLowerCase() + " " + nationalId.substring(4);
        assertEquals(id, StaffClient.object(clerk.postJson("/patients/search", Json.createObjectBuilder()
                .add("nationalId", spacedLowerCase).build().toString())).getString("id"),
                "found through the pseudonym of the normalised national id");
        assertEquals(id, StaffClient.object(clerk.postJson("/patients/search", Json.createObjectBuilder()
                .add("mrn", mrn).build().toString())).getString("id"));
        HttpResponse<String> inUrl = clerk.get("/patients?nationalId="
                + URLEncoder.encode(spacedLowerCase, StandardCharsets.UTF_8));
        assertEquals(400, inUrl.statusCode(), "a national id in a URL is refused, not looked up");
        assertFalse(inUrl.body().contains(nationalId.substring(4)), "and not echoed");
        assertEquals(400, clerk.postJson("/patients/search", "{}").statusCode());
        HttpResponse<String> finds = admin.createAccount("privacy-officer").get("/audit?action=patient.find&actor="
                + clerk.username());
        assertEquals(List.of("refused", "refused"), StaffClient.array(finds).stream().map(JsonObject.class::cast)
                .filter(entry -> !entry.getString("outcome").equals("succeeded"))
                .map(entry -> entry.getString("outcome")).toList(), "both malformed searches audited: " + finds.body());
        assertFalse(finds.body().contains(nationalId.substring(4)), "the national id in the URL is not in the trail");
        assertEquals(mrn, StaffClient.object(clerk.get("/patients/" + id)).getString("mrn"));
        HttpResponse<String> shortened = clerk.get("/patients/1-1-1-1-1");
        assertEquals(400, shortened.statusCode(), "an id not in its canonical form is refused, not read as"
                + " 00000001-0001-…: " + shortened.body());
    }

    @Test
    void duplicatesAreRefusedAndChangeNothing() {
        StaffClient clerk = admin.createAccount("clerk");
        String mrn = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        String nationalId = "CD" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        assertEquals(201, clerk.postJson("/patients", patient(mrn, nationalId)).statusCode());

        HttpResponse<String> sameMrn = clerk.postJson("/patients", patient(mrn, nationalId + "X"));
        assertEquals(409, sameMrn.statusCode(), sameMrn.body());
        assertEquals("urn:custodia:problem:conflict", StaffClient.object(sameMrn).getString("type"));
        String otherMrn = mrn + "-B";
        HttpResponse<String> sameNationalId = clerk.postJson("/patients", patient(otherMrn, nationalId));
        assertEquals(409, sameNationalId.statusCode(), sameNationalId.body());
        assertFalse(sameNationalId.body().contains(nationalId), "the national id is not echoed");
        assertEquals(404, clerk.get("/patients?mrn=" + otherMrn).statusCode(), "nothing was registered");
        assertEquals(404, clerk.postJson("/patients/search", Json.createObjectBuilder()
                .add("nationalId", nationalId + "X").build().toString()).statusCode());
    }

    @Test
    void badInputIsA400ProblemAndUnknownPatientsA404() {
        StaffClient nurse = admin.createAccount("nurse");
        HttpResponse<String> noBirthDate = nurse.postJson("/patients", Json.createObjectBuilder()
                .add("mrn", "MRN-X").add("familyName", "Roe").add("givenName", "Jane").add("nationalId", "Z1")
                .build().toString());
        assertEquals(400, noBirthDate.statusCode(), noBirthDate.body());
        assertEquals("application/problem+json", noBirthDate.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(StaffClient.object(noBirthDate).getString("detail").contains("birth date"), noBirthDate.body());
        assertEquals(400, nurse.postJson("/patients", "{not json").statusCode());
        String padded = "{\"mrn\": \"MRN-BIG\", \"note\": \"" + "x".repeat(70 * 1024) + "\"}";
        HttpResponse<String> tooLarge = nurse.postJson("/patients", padded);
        assertEquals(413, tooLarge.statusCode(), "a JSON body over 64 KiB is refused before it is bound");
        assertEquals("application/problem+json", tooLarge.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(404, nurse.get("/patients?mrn=MRN-BIG").statusCode(), "nothing registered");
        assertEquals(400, nurse.get("/patients").statusCode(), "neither mrn nor nationalId");
        assertEquals(404, nurse.get("/patients/" + UUID.randomUUID()).statusCode());
    }

    @Test
    void onlyTheAdministratorCreatesAccountsAndOnlyStaffReachPatients() {
        StaffClient privacyOfficer = admin.createAccount("privacy-officer");
        assertEquals(403, privacyOfficer.postJson("/patients", patient("MRN-PO", "PO123")).statusCode());
        assertEquals(403, admin.get("/patients?mrn=MRN-PO").statusCode(), "administrators do not see patients");
        assertEquals(403, admin.get("/patients").statusCode(), "the role decides before the query is read");
        assertEquals(403, admin.postJson("/patients", "{}").statusCode(), "the role decides before the body is read");

        HttpResponse<String> duplicate = admin.postJson("/staff", Json.createObjectBuilder()
                .add("username", privacyOfficer.username()).add("displayName", "Again")
                .add("password", "another long password").add("roles", Json.createArrayBuilder().add("nurse"))
                .build().toString());
        assertEquals(409, duplicate.statusCode(), duplicate.body());

        HttpResponse<String> created = admin.postJson("/staff", Json.createObjectBuilder()
                .add("username", "clerk.located").add("displayName", "Located Clerk")
                .add("password", "a long enough password").add("roles", Json.createArrayBuilder().add("clerk"))
                .build().toString());
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/api/staff/clerk.located"),
                created.headers().toString());
        HttpResponse<String> located = admin.get("/staff/clerk.located");
        assertEquals(200, located.statusCode(), "the created account's Location is where it is read");
        assertEquals("Located Clerk", StaffClient.object(located).getString("displayName"));
        assertEquals(403, privacyOfficer.get("/staff/clerk.located").statusCode());
        assertEquals(404, admin.get("/staff/no.such.account").statusCode());

        HttpResponse<String> unauthenticated = StaffClient.anonymous().get("/patients/" + UUID.randomUUID());
        assertEquals(401, unauthenticated.statusCode());
        String contentType = unauthenticated.headers().firstValue("Content-Type").orElseThrow();
        assertEquals("application/problem+json", contentType.split(";")[0].strip(), "media type (" + contentType + ")");
        assertEquals(200, StaffClient.anonymous().get("/node").statusCode(), "the node's status stays public");
    }

    private static String patient(String mrn, String nationalId) {
        return Json.createObjectBuilder()
                .add("mrn", mrn)
                .add("familyName", "Roe")
                .add("givenName", "Jane")
                .add("birthDate", "1980-02-29")
                .add("nationalId", nationalId)
                .build().toString();
    }
}
