package org.custodia.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.security.enterprise.identitystore.CredentialValidationResult;

import org.custodia.kernel.StaffRole;
import org.custodia.staff.AccountState;

import org.custodia.web.security.StaffAuthentication.Channel;
import org.junit.jupiter.api.Test;

class StaffAuthenticationTest {

    @Test
    void requestsAreSortedByTheContainersDecodedPath() {
        assertEquals(Channel.API, Channel.of("/api", "/patients/1"));
        assertEquals(Channel.NODE_API, Channel.of("/node-api/v1", "/ping"));
        assertEquals(Channel.NODE_API, Channel.of("/node-api", null));
        assertEquals(Channel.PAGE, Channel.of("/staff/patients.xhtml", null));
        assertEquals(Channel.PAGE, Channel.of("/staff/records", "/abc/content"));
        assertEquals(Channel.PAGE, Channel.of("/staff", null), "the pages' folder itself is a page");
        assertEquals(Channel.PAGE, Channel.of("/sign-in.xhtml", null));
        assertEquals(Channel.PAGE, Channel.of("", null));
        assertEquals(Channel.OTHER, Channel.of("/NodeService", null));
        assertEquals(Channel.SOAP, Channel.of("/RecordsService", null));
        assertEquals(Channel.SOAP, Channel.of("/RecordsService12", null));
        assertEquals(Channel.OTHER, Channel.of("/RecordsService", "/x"), "not the endpoint (no servlet maps it)");
        assertEquals(Channel.OTHER, Channel.of("/apix", null), "a prefix of /api is not the API");
        assertEquals(Channel.OTHER, Channel.of("/node-apis", null));
    }

    @Test
    void aPageWhoseCallerCannotBeCheckedSaysWhyAndNamesTheLogsReference() {
        String reference = "5c6f0e0a-2d1b-4f3e-9a7c-0b1d2e3f4a5b";
        String outage = new String(StaffAuthentication.cannotCheckPage(true, reference), StandardCharsets.UTF_8);
        assertTrue(outage.contains("<title>Unavailable</title>") && outage.contains("cannot reach its database")
                && outage.contains("Try again in a minute") && outage.contains("reference " + reference + "."), outage);
        String failure = new String(StaffAuthentication.cannotCheckPage(false, reference), StandardCharsets.UTF_8);
        assertTrue(failure.contains("<title>Error</title>") && failure.contains("could not be checked")
                && !failure.contains("Try again") && failure.contains("reference " + reference + "."), failure);
    }

    @Test
    void requestsThatAnotherSitesPageMadeAreToldByFetchMetadataOrElseByTheirOrigin() {
        String own = "https://node.example:8081";
        assertTrue(StaffAuthentication.fromAnotherSite("cross-site", null, own));
        assertTrue(StaffAuthentication.fromAnotherSite("same-site", own, own), "another node on the same host");
        assertFalse(StaffAuthentication.fromAnotherSite("same-origin", own, own));
        assertFalse(StaffAuthentication.fromAnotherSite("none", null, own), "typed or bookmarked");
        assertTrue(StaffAuthentication.fromAnotherSite(null, "https://elsewhere.example", own));
        assertTrue(StaffAuthentication.fromAnotherSite(null, "null", own), "an opaque origin");
        assertTrue(StaffAuthentication.fromAnotherSite(null, "https://node.example:8181", own), "another port");
        assertFalse(StaffAuthentication.fromAnotherSite(null, "HTTPS://node.example:8081", own));
        assertFalse(StaffAuthentication.fromAnotherSite(null, null, own), "staff software sends neither");
    }

    @Test
    void aSessionsTokenIsRandomAndMatchesOnlyItself() {
        StaffSession one = StaffSession.start("nurse.1", Set.of("nurse"), Instant.EPOCH, null);
        StaffSession two = StaffSession.start("nurse.1", Set.of("nurse"), Instant.EPOCH, null);
        assertNotEquals(one.csrfToken(), two.csrfToken());
        assertEquals(43, one.csrfToken().length(), "32 bytes, base64url without padding");
        assertTrue(one.matches(one.csrfToken()));
        assertFalse(one.matches(two.csrfToken()));
        assertFalse(one.matches(null));
        assertFalse(one.matches(one.csrfToken().substring(1)));
    }

    @Test
    void anAdministratorsPasswordConfinesTheSessionWithoutBecomingARole() {
        StaffSession confined = StaffSession.start("nurse.2",
                Set.of("nurse", StaffIdentityStore.PASSWORD_CHANGE_REQUIRED), Instant.EPOCH, null);
        assertTrue(confined.passwordChangeRequired());
        assertEquals(Set.of("nurse"), confined.groups());
        assertFalse(StaffSession.start("nurse.2", Set.of("nurse"), Instant.EPOCH, null).passwordChangeRequired());
    }

    @Test
    void aSignInThatAnAccountChangeOverlapsBeginsNoSession() {
        Instant reset = Instant.parse("2026-12-05T10:00:00Z");
        Iterator<Instant> changedAt = Arrays.asList(null, reset).iterator();
        List<String> refused = new ArrayList<>();

        Optional<StaffSession> started = StaffAuthentication.unchangedWhileChecked("nurse.3",
                () -> new CredentialValidationResult("nurse.3", Set.of("nurse")),
                username -> Optional.of(new AccountState(Set.of(StaffRole.NURSE), changedAt.next())), Instant.EPOCH,
                refused::add);

        assertEquals(Optional.empty(), started, "the password was checked against what the reset replaced");
        assertEquals(List.of("nurse.3"), refused, "the refusal is told, for the audit trail");
    }

    @Test
    void aSignInBeginsASessionWithTheCredentialsItChecked() {
        Instant changed = Instant.parse("2026-12-01T08:00:00Z");
        for (Instant credentialsChangedAt : Arrays.asList(changed, null)) {
            Optional<StaffSession> started = StaffAuthentication.unchangedWhileChecked("nurse.4",
                    () -> new CredentialValidationResult("nurse.4", Set.of("nurse")),
                    username -> Optional.of(new AccountState(Set.of(StaffRole.NURSE), credentialsChangedAt)),
                    Instant.EPOCH, refused -> fail("refused " + refused));

            assertEquals("nurse.4", started.orElseThrow().caller());
            assertEquals(credentialsChangedAt, started.get().credentialsChangedAt());
            assertEquals(Set.of("nurse"), started.get().groups());
        }
        assertEquals(Optional.empty(), StaffAuthentication.unchangedWhileChecked("nurse.4",
                () -> CredentialValidationResult.INVALID_RESULT,
                username -> Optional.of(new AccountState(Set.of(StaffRole.NURSE), changed)), Instant.EPOCH,
                refused -> fail("an invalid password is refused and audited where it is checked")));
        assertEquals(Optional.empty(), StaffAuthentication.unchangedWhileChecked("nurse.4",
                () -> new CredentialValidationResult("nurse.4", Set.of("nurse")), username -> Optional.empty(),
                Instant.EPOCH, refused -> { }), "an account disabled once checked");
    }
}
