package org.custodia.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Set;

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
}
