package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

/**
 * The life of a staff account through the REST API: an administrator's password works only to set one's own, roles
 * change, accounts are disabled and enabled, passwords reset; the administrator role stands alone; each change is
 * in the audit trail, where privacy officers find it by filter.
 */
abstract class AccountsScenarios {

    private final StaffClient admin = StaffClient.admin();

    @Test
    void anAdministratorsPasswordOnlyLetsItsOwnerSetTheirOwn() {
        StaffClient nurse = admin.createAccountWithAdministratorsPassword("nurse");
        HttpResponse<String> confined = nurse.get("/patients?mrn=MRN-NONE");
        assertEquals(403, confined.statusCode(), confined.body());
        assertEquals("urn:custodia:problem:password-change-required",
                StaffClient.object(confined).getString("type"));
        assertTrue(account(nurse.username()).getBoolean("passwordChangeRequired"));

        HttpResponse<String> wrongCurrent = nurse.putJson("/staff/me/password", passwordChange("not the password",
                "a brand new long password"));
        assertEquals(422, wrongCurrent.statusCode(), wrongCurrent.body());
        HttpResponse<String> tooShort = nurse.putJson("/staff/me/password", passwordChange(nurse.password(), "short"));
        assertEquals(400, tooShort.statusCode(), tooShort.body());
        HttpResponse<String> same = nurse.putJson("/staff/me/password",
                passwordChange(nurse.password(), nurse.password()));
        assertEquals(400, same.statusCode(), same.body());
        assertEquals(403, nurse.get("/patients?mrn=MRN-NONE").statusCode(), "refusals changed nothing");

        assertEquals(204, nurse.putJson("/staff/me/password", passwordChange(nurse.password(),
                "the nurse's own long password")).statusCode());
        StaffClient own = nurse.withPassword("the nurse's own long password");
        assertEquals(404, own.get("/patients?mrn=MRN-NONE").statusCode(), "the nurse works: no such patient");
        assertEquals(401, nurse.get("/patients?mrn=MRN-NONE").statusCode(), "the administrator's password is gone");
        assertFalse(account(nurse.username()).getBoolean("passwordChangeRequired"));
    }

    /**
     * A session left open is no faster way to guess its owner's password: wrong current passwords of a password
     * change count as failed sign-ins, and once the account is locked the check is refused unchecked (429).
     */
    @Test
    void guessingTheCurrentPasswordIsThrottledLikeSignIns() {
        StaffClient nurse = admin.createAccount("nurse");
        for (int i = 0; i < 8; i++) {
            // malformed, not guesses: they count for nothing (before, each counted as a wrong password)
            HttpResponse<String> missing = nurse.putJson("/staff/me/password",
                    "{\"newPassword\":\"a brand new long password\"}");
            assertEquals(400, missing.statusCode(), missing.body());
            assertTrue(missing.body().contains("currentPassword is required"), missing.body());
        }
        HttpResponse<String> answer = null;
        int attempts = 0;
        while (attempts < 12) {
            attempts++;
            answer = nurse.putJson("/staff/me/password", passwordChange("guess " + attempts,
                    "a brand new long password"));
            if (answer.statusCode() != 422) {
                break;
            }
        }
        assertEquals(429, answer.statusCode(), "after " + attempts + " wrong current passwords: " + answer.body());
        assertTrue(attempts > 5, "five failures are free: " + attempts);
        assertEquals("urn:custodia:problem:sign-in-throttled", StaffClient.object(answer).getString("type"),
                answer.body());
        assertTrue(answer.headers().firstValue("Retry-After").isPresent(), answer.headers().map().toString());
        assertEquals(404, nurse.get("/patients?mrn=MRN-NONE").statusCode(),
                "the owner's own requests are still served (no such patient)");
    }

    /**
     * A browser that once asked a staff member for HTTP Basic credentials sends them again by itself, also with a
     * form that another site's page submits: such requests are refused before any credential is checked.
     */
    @Test
    void anotherSitesPageCannotActWithCredentialsABrowserRemembers() {
        StaffClient nurse = admin.createAccount("nurse");
        String disable = "/staff/" + nurse.username() + "/disable";
        String[][] forgeries = {
            {"cross-site", "https://elsewhere.example"},
            {"same-site", "https://127.0.0.1:1"},
            {null, "https://elsewhere.example"},
            {null, "null"},
        };
        for (String[] forged : forgeries) {
            HttpResponse<String> refused = admin.postFromPage(disable, forged[0], forged[1]);
            assertEquals(403, refused.statusCode(), Arrays.toString(forged) + ": " + refused.body());
            assertEquals("urn:custodia:problem:cross-site-request", StaffClient.object(refused).getString("type"));
        }
        assertTrue(account(nurse.username()).getBoolean("active"), "no forged request disabled the account");

        HttpResponse<String> ownPage = admin.postFromPage(disable, "same-origin", TestNode.baseUrl());
        assertEquals(200, ownPage.statusCode(), ownPage.body());
        assertFalse(account(nurse.username()).getBoolean("active"), "a request of the node's own origin is served");
    }

    @Test
    void disablingEnablingRolesAndResetsTakeEffectAtOnceAndAreAudited() {
        StaffClient nurse = admin.createAccount("nurse");
        assertEquals(404, nurse.get("/patients?mrn=MRN-NONE").statusCode());

        assertFalse(StaffClient.object(admin.post("/staff/" + nurse.username() + "/disable")).getBoolean("active"));
        assertEquals(401, nurse.get("/patients?mrn=MRN-NONE").statusCode(), "a disabled account cannot sign in");
        assertTrue(StaffClient.object(admin.post("/staff/" + nurse.username() + "/enable")).getBoolean("active"));
        assertEquals(404, nurse.get("/patients?mrn=MRN-NONE").statusCode(), "enabled again");

        HttpResponse<String> asAdmin = admin.putJson("/staff/" + nurse.username() + "/roles", roles("admin"));
        HttpResponse<String> combined = admin.putJson("/staff/" + nurse.username() + "/roles",
                roles("admin", "nurse"));
        assertEquals(200, asAdmin.statusCode(), asAdmin.body());
        assertEquals(200, nurse.get("/staff").statusCode(), "the new role applies at once");
        assertEquals(400, combined.statusCode(), "the admin role stands alone: " + combined.body());
        assertEquals(200, admin.putJson("/staff/" + nurse.username() + "/roles", roles("clerk")).statusCode());
        assertEquals(403, nurse.get("/staff").statusCode(), "no longer an administrator");
        assertEquals(JsonArrayOf.of("clerk"), account(nurse.username()).getJsonArray("roles"));

        HttpResponse<String> reset = admin.putJson("/staff/" + nurse.username() + "/password",
                Json.createObjectBuilder().add("password", "set by the administrator").build().toString());
        assertEquals(200, reset.statusCode(), reset.body());
        assertEquals(401, nurse.get("/patients?mrn=MRN-NONE").statusCode(), "the old password is gone");
        assertEquals(403, nurse.withPassword("set by the administrator").get("/patients?mrn=MRN-NONE").statusCode(),
                "the reset password only lets its owner choose a new one");

        StaffClient privacyOfficer = admin.createAccount("privacy-officer");
        HttpResponse<String> trail = privacyOfficer.get("/audit?action=staff.disable&subject=" + nurse.username());
        assertEquals(200, trail.statusCode(), trail.body());
        assertEquals(1, StaffClient.array(trail).size());
        JsonObject entry = StaffClient.array(trail).getJsonObject(0);
        assertEquals("admin", entry.getString("actor"));
        assertEquals("succeeded", entry.getString("outcome"));
        String roleChanges = "/audit?subject=" + nurse.username() + "&action=staff.roles.change";
        JsonArray all = StaffClient.array(privacyOfficer.get(roleChanges));
        assertEquals(3, all.size(), "two role changes and the refused combination");

        // a page at a time, each linking to the same search from before its last entry
        HttpResponse<String> newest = privacyOfficer.get(roleChanges + "&limit=2");
        assertEquals(all.subList(0, 2), StaffClient.array(newest));
        URI older = StaffClient.nextPage(newest).orElseThrow(() -> new AssertionError("no next page"));
        assertTrue(older.getRawQuery().contains("before=" + all.getJsonObject(1).getString("id"))
                && older.getRawQuery().contains("action=staff.roles.change"), older.toString());
        HttpResponse<String> last = privacyOfficer.get("/audit?" + older.getRawQuery());
        assertEquals(all.subList(2, 3), StaffClient.array(last));
        assertTrue(StaffClient.nextPage(last).isEmpty(), "the last page links nowhere");

        // a year PostgreSQL cannot compare was a 500 there
        for (String refused : new String[] {"from=yesterday", "limit=0", "limit=101", "limit=ten", "offset=50",
                "before=12345", "before=" + UUID.randomUUID(), "from=%2B999999999-01-01T00:00:00Z",
                "to=%2B10000-01-01T00:00:00Z"}) {
            HttpResponse<String> answer = privacyOfficer.get("/audit?" + refused);
            assertEquals(400, answer.statusCode(), refused + ": " + answer.body());
        }
    }

    @Test
    void theAuditTrailsHeadIsAnchoredOnChainAndTheCheckComparesAgainstIt() throws InterruptedException {
        StaffClient privacyOfficer = admin.createAccount("privacy-officer");
        // the sealing timer runs every 5 s and hands the head to the outbox
        JsonObject check = Eventually.within(Duration.ofSeconds(90), Duration.ofSeconds(1), "a sealed head reaches "
                + "the chain through the outbox").until(() -> {
                    HttpResponse<String> answer = privacyOfficer.get("/audit/chain");
                    assertEquals(200, answer.statusCode(), answer.body());
                    return StaffClient.object(answer);
                }, answer -> answer.containsKey("anchored"));
        assertTrue(check.getBoolean("intact"), check.toString());
        assertTrue(check.getJsonNumber("anchored").longValue() >= 1
                && check.getJsonNumber("anchored").longValue() <= check.getJsonNumber("head").longValue(),
                check.toString());
        assertTrue(check.getJsonNumber("anchoredBlock").longValue() > 0, check.toString());
    }

    @Test
    void aMistypedUsernameIsNeverStoredUnlessItIsAnAccount() {
        String typed = "Correct-Horse-" + UUID.randomUUID();
        assertEquals(401, admin.withUsername(typed).get("/patients?mrn=MRN-NONE").statusCode());

        StaffClient privacyOfficer = admin.createAccount("privacy-officer");
        HttpResponse<String> refusals = privacyOfficer.get("/audit?action=staff.sign-in&actor=(unknown)&limit=100");
        assertEquals(200, refusals.statusCode(), refusals.body());
        assertTrue(StaffClient.array(refusals).stream().map(JsonValue::asJsonObject)
                .anyMatch(entry -> entry.getString("detail", "").startsWith("unknown username")), refusals.body());
        String typedInAPath = "Correct-Horse-" + UUID.randomUUID();
        HttpResponse<String> malformed = admin.post("/staff/" + typedInAPath + "/disable");
        assertEquals(400, malformed.statusCode(), malformed.body());
        String detail = StaffClient.object(malformed).getString("detail");
        assertFalse(detail.contains(typedInAPath), "the refusal's detail does not quote it: " + detail);
        assertEquals(403, privacyOfficer.post("/staff/" + typedInAPath + "/enable").statusCode());
        HttpResponse<String> everything = privacyOfficer.get("/audit?limit=100");
        assertEquals(200, everything.statusCode(), everything.body());
        assertFalse(everything.body().contains(typed), "what was typed as a username is nowhere in the trail");
        assertFalse(everything.body().contains(typedInAPath), "nor what was sent where a username belongs");
        assertEquals(1, StaffClient.array(privacyOfficer.get("/audit?action=staff.disable&subject=(unreadable)"))
                .size(), "the administrator's refusal is audited under (unreadable)");
    }

    @Test
    void anAdministratorCannotLockThemselvesOutOrCreateMixedAccounts() {
        assertEquals(422, admin.post("/staff/admin/disable").statusCode());
        assertEquals(422, admin.putJson("/staff/admin/roles", roles("privacy-officer")).statusCode());
        // an active caller's own account is enabled already; a request that waited for its disable must not undo it
        assertEquals(422, admin.post("/staff/admin/enable").statusCode());
        HttpResponse<String> mixed = admin.postJson("/staff", Json.createObjectBuilder()
                .add("username", "mixed.admin").add("displayName", "Mixed")
                .add("password", "a long enough password").add("roles", Json.createArrayBuilder().add("admin")
                        .add("physician")).build().toString());
        assertEquals(400, mixed.statusCode(), mixed.body());
        StaffClient nurse = admin.createAccount("nurse");
        assertEquals(403, nurse.postJson("/staff", "{}").statusCode(), "the role decides before the body is read");
        assertEquals(403, nurse.putJson("/staff/" + nurse.username() + "/roles", "{\"roles\":[\"no-such-role\"]}")
                .statusCode(), "the role decides before the roles are read");
        assertEquals(400, admin.putJson("/staff/" + nurse.username() + "/roles", "{}").statusCode());
        String typedAsRole = "Typed-" + UUID.randomUUID();
        assertEquals(400, admin.putJson("/staff/" + nurse.username() + "/roles", roles(typedAsRole)).statusCode());
        HttpResponse<String> audited = admin.createAccount("privacy-officer").get("/audit?actor=admin&limit=100");
        assertEquals(200, audited.statusCode(), audited.body());
        assertFalse(audited.body().contains(typedAsRole), "what was sent as a role is not in the trail");
        for (String[] refusal : new String[][] {{"staff.create", "the admin role cannot be combined"},
                {"staff.roles.change", "a JSON body with roles is required"}}) {
            assertTrue(StaffClient.array(audited).stream().map(JsonValue::asJsonObject).anyMatch(entry ->
                    entry.getString("action").equals(refusal[0]) && entry.getString("outcome").equals("refused")
                            && entry.getString("detail", "").startsWith(refusal[1])),
                    "the malformed account is an audited refusal, " + refusal[0] + ": " + audited.body());
        }
        assertEquals(404, admin.post("/staff/no.such.account/disable").statusCode());
        assertTrue(StaffClient.array(admin.get("/staff")).stream()
                .noneMatch(account -> account.asJsonObject().getString("username").equals("mixed.admin")));
        assertEquals(200, admin.get("/staff").statusCode(), "the administrator still works");
    }

    private JsonObject account(String username) {
        JsonArray accounts = StaffClient.array(admin.get("/staff"));
        return accounts.stream().map(value -> value.asJsonObject())
                .filter(account -> account.getString("username").equals(username)).findFirst().orElseThrow();
    }

    private static String passwordChange(String current, String replacement) {
        return Json.createObjectBuilder().add("currentPassword", current).add("newPassword", replacement).build()
                .toString();
    }

    private static String roles(String... names) {
        return Json.createObjectBuilder().add("roles", JsonArrayOf.of(names)).build().toString();
    }

    /** JSON arrays of strings, for building bodies and comparing answers. */
    private static final class JsonArrayOf {
        static JsonArray of(String... values) {
            var array = Json.createArrayBuilder();
            for (String value : values) {
                array.add(value);
            }
            return array.build();
        }
    }
}
