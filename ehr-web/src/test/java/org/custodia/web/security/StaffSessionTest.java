package org.custodia.web.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

class StaffSessionTest {

    @Test
    void itsTextNamesTheStaffMemberButNeverItsAntiForgeryToken() {
        StaffSession session = StaffSession.start("d.ross", Set.of("physician"), Instant.EPOCH, null);

        assertTrue(session.matches(session.csrfToken()));
        assertTrue(session.toString().contains("d.ross") && session.toString().contains("physician"),
                session.toString());
        assertFalse(session.toString().contains(session.csrfToken()), session.toString());
    }
}
