package org.custodia.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AuditEntryTest {

    @Test
    void longCallerSuppliedTextsAreCutToTheirColumns() {
        AuditEntry entry = AuditEntryFixtures.entry("u".repeat(500), "staff.sign-in", "s".repeat(500),
                AuditOutcome.REFUSED, "d".repeat(5000));
        assertEquals(128, entry.getActor().length());
        assertEquals(128, entry.getSubject().length());
        assertEquals(1024, entry.getDetail().length());
        assertNull(AuditEntryFixtures.entry("a", "b", null, AuditOutcome.SUCCEEDED, null).getSubject());
    }
}
